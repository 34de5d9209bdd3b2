package io.steward.api.cloudify.wire;

import io.steward.engine.group.DeploymentGroup;
import io.steward.engine.group.ExecutionGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployment groups and execution groups as Cloudify's client reads them. */
public final class GroupWire {
    public static final List<String> DEPLOYMENT_GROUP_FIELDS = withOwnership("id", "created_at", "description",
            "default_blueprint_id", "default_inputs", "deployment_ids", "labels", "creation_counter");
    public static final List<String> EXECUTION_GROUP_FIELDS = withOwnership("id", "created_at", "workflow_id",
            "deployment_group_id", "concurrency", "fail_fast", "execution_ids", "status");

    private GroupWire() {
    }

    public static Map<String, Object> deploymentGroup(DeploymentGroup g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("created_at", Timestamps.format(g.createdAt()));
        out.put("description", g.description());
        out.put("default_blueprint_id", g.defaultBlueprintId());
        out.put("default_inputs", g.defaultInputs());
        out.put("deployment_ids", g.deploymentIds());
        out.put("labels", List.of());
        out.put("creation_counter", 0);
        Ownership.put(out, g.tenantName(), g.createdBy(), g.visibility().wire());
        return out;
    }

    /** With {@code withData}, the members' ids and the derived status (always on a get; a list asks). */
    public static Map<String, Object> executionGroup(ExecutionGroup g, boolean withData) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("created_at", Timestamps.format(g.createdAt()));
        out.put("workflow_id", g.workflowId());
        out.put("deployment_group_id", g.deploymentGroupId());
        out.put("concurrency", g.concurrency());
        out.put("fail_fast", g.failFast());
        if (withData) {
            out.put("execution_ids", g.executionIds());
            out.put("status", g.status() == null ? null : g.status().wire());
        }
        Ownership.put(out, g.tenantName(), g.createdBy(), g.visibility().wire());
        return out;
    }

    private static List<String> withOwnership(String... fields) {
        List<String> all = new ArrayList<>(List.of(fields));
        all.addAll(Ownership.FIELDS);
        return List.copyOf(all);
    }
}
