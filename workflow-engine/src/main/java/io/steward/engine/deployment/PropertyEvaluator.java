package io.steward.engine.deployment;

import io.steward.engine.blueprint.BlueprintPlan;
import io.steward.engine.blueprint.FunctionContext;
import io.steward.engine.blueprint.IntrinsicFunctions;
import io.steward.engine.blueprint.NodeTemplate;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates node properties when a deployment is made: {@code get_input} from the deployment's inputs,
 * {@code get_property} from other nodes' (evaluated) properties, {@code concat}. Attributes do not exist yet at
 * that point, so {@code get_attribute} in a property yields null, as it would for an attribute never set.
 */
final class PropertyEvaluator {
    private final BlueprintPlan plan;
    private final Map<String, Object> inputs;
    private final Map<String, Map<String, Object>> evaluated = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    PropertyEvaluator(BlueprintPlan plan, Map<String, Object> inputs) {
        this.plan = plan;
        this.inputs = inputs;
    }

    Map<String, Object> propertiesOf(String nodeId) {
        Map<String, Object> done = evaluated.get(nodeId);
        if (done != null) {
            return done;
        }
        if (!inProgress.add(nodeId)) {
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT,
                    "node_templates." + nodeId + ".properties: get_property refers back to itself in a cycle");
        }
        NodeTemplate template = plan.nodeTemplate(nodeId).orElseThrow(() -> new InvalidInputException(
                Problem.INVALID_BLUEPRINT, "get_property refers to unknown node `" + nodeId + "`"));
        Map<String, Object> result = new LinkedHashMap<>();
        template.properties().forEach((name, raw) ->
                result.put(name, IntrinsicFunctions.evaluate(raw, new Context(nodeId))));
        inProgress.remove(nodeId);
        evaluated.put(nodeId, result);
        return result;
    }

    private final class Context implements FunctionContext {
        private final String self;

        Context(String self) {
            this.self = self;
        }

        @Override
        public Object input(String name) {
            return inputs.get(name);
        }

        @Override
        public Object property(String node, List<Object> path) {
            String nodeId = "SELF".equals(node) ? self : node;
            return IntrinsicFunctions.navigate(propertiesOf(nodeId), path);
        }

        @Override
        public Object attribute(String node, List<Object> path) {
            return null;
        }

        /** Properties are stored: a secret is read when an operation uses it, never copied here. */
        @Override
        public boolean defersSecrets() {
            return true;
        }
    }
}
