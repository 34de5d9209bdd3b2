package io.steward.engine.blueprint;

import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.Problem;

/**
 * Names a blueprint defines are copied into columns later (nodes, node instances, executions, events): too long, the
 * blueprint is refused at upload, not when a workflow writes them.
 */
final class BlueprintNameLengths {
    private BlueprintNameLengths() {
    }

    static void check(BlueprintPlan plan) {
        for (NodeTemplate node : plan.nodeTemplates()) {
            EngineLengths.NODE_NAME.require(node.id(), Problem.INVALID_BLUEPRINT);
            node.typeHierarchy().forEach(type -> EngineLengths.NODE_TYPE.require(type, Problem.INVALID_BLUEPRINT));
            node.operations().keySet().forEach(name -> EngineLengths.OPERATION_NAME.require(name,
                    Problem.INVALID_BLUEPRINT));
        }
        plan.workflows().keySet().forEach(name -> EngineLengths.WORKFLOW_NAME.require(name, Problem.INVALID_BLUEPRINT));
    }
}
