package io.steward.api.cloudify.wire;

import io.steward.engine.event.Event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cloudify's flat event/log item. Events carry {@code event_type}; logs carry {@code logger} and {@code level}. */
public final class EventWire {
    public static final List<String> FIELDS = List.of("_storage_id", "timestamp", "reported_timestamp", "type",
            "message", "event_type", "logger", "level", "blueprint_id", "deployment_id", "deployment_display_name",
            "execution_id", "execution_group_id", "workflow_id", "operation", "node_instance_id", "node_name",
            "source_id", "target_id", "error_causes", "manager_name", "agent_name");

    private EventWire() {
    }

    public static Map<String, Object> render(Event e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_storage_id", e.storageId());
        out.put("timestamp", Timestamps.format(e.timestamp()));
        out.put("reported_timestamp", Timestamps.format(e.reportedTimestamp()));
        out.put("type", e.type());
        out.put("message", e.message());
        if (Event.EVENT.equals(e.type())) {
            out.put("event_type", e.eventType());
        } else {
            out.put("logger", e.logger());
            out.put("level", e.level());
        }
        out.put("blueprint_id", e.blueprintId());
        out.put("deployment_id", e.deploymentId());
        out.put("deployment_display_name", e.deploymentId());
        out.put("execution_id", e.executionId());
        out.put("execution_group_id", null);
        out.put("workflow_id", e.workflowId());
        out.put("operation", e.operation());
        out.put("node_instance_id", e.nodeInstanceId());
        out.put("node_name", e.nodeId());
        out.put("source_id", e.sourceId());
        out.put("target_id", e.targetId());
        out.put("error_causes", e.errorCauses());
        out.put("manager_name", null);
        out.put("agent_name", null);
        return out;
    }
}
