package io.steward.api.cloudify;

import io.steward.api.cloudify.wire.JsonBody;
import io.steward.engine.event.Event;
import io.steward.engine.event.EventContext;
import io.steward.engine.event.EventLog;
import io.steward.engine.execution.Execution;
import io.steward.tenancy.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code POST /events}: {@code {"events": [...], "logs": [...], "execution_id"}} as Cloudify's workers send
 * it. In a Cloudify context {@code node_id} is the node <em>instance</em> id and {@code node_name} the node.
 */
final class EventPosts {
    private EventPosts() {
    }

    /** Records the post's events and logs, all or none: each is bound (and so checked) before any is stored. */
    static int record(EventLog log, Execution execution, JsonBody body) {
        List<EventLog.Posted> posted = new ArrayList<>();
        for (Map<String, Object> event : list(body, "events")) {
            JsonBody e = JsonBody.of(event);
            posted.add(new EventLog.Posted(context(execution, e), Event.EVENT, e.requiredString("event_type"), null,
                    null, text(e), causes(e), e.optionalDateTime("reported_timestamp")));
        }
        for (Map<String, Object> line : list(body, "logs")) {
            JsonBody l = JsonBody.of(line);
            String level = l.optionalString("level");
            posted.add(new EventLog.Posted(context(execution, l), Event.LOG, null, level == null ? "info" : level,
                    l.optionalString("logger"), text(l), null, l.optionalDateTime("reported_timestamp")));
        }
        log.recordAll(posted);
        return posted.size();
    }

    private static EventContext context(Execution execution, JsonBody item) {
        Map<String, Object> context = item.optionalObject("context");
        JsonBody c = JsonBody.of(context);
        return execution.eventContext()
                .withNodeInstance(c.optionalString("node_name"), c.optionalString("node_id"))
                .withOperation(c.optionalString("operation"))
                .withRelationship(c.optionalString("source_id"), c.optionalString("target_id"));
    }

    private static String text(JsonBody item) {
        Object message = item.fields().get("message");
        if (message instanceof Map<?, ?> map && map.get("text") instanceof String text) {
            return text;
        }
        if (message instanceof String text) {
            return text;
        }
        throw new InvalidInputException("message must be {\"text\": \"…\"}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> causes(JsonBody item) {
        Map<String, Object> context = item.optionalObject("context");
        Object causes = context == null ? null : context.get("task_error_causes");
        return causes instanceof List<?> list ? (List<Map<String, Object>>) list : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(JsonBody body, String name) {
        Object value = body.fields().get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items && items.stream().allMatch(i -> i instanceof Map)) {
            return (List<Map<String, Object>>) value;
        }
        throw new InvalidInputException(name + " must be a list of objects");
    }
}
