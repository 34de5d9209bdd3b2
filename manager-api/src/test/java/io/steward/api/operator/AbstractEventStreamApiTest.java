package io.steward.api.operator;

import io.micronaut.json.JsonMapper;
import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v3.1/events/stream}: an execution's events as Server-Sent Events, in the order {@code GET /events}
 * lists them, each with its id, ending after the execution's last event; resumable with {@code Last-Event-ID}; scoped
 * to the caller's tenant; bad parameters refused in Cloudify's error format.
 */
abstract class AbstractEventStreamApiTest extends ApiTestBase {
    private String tenant;
    private Api manager;

    /** One SSE message: its id (null for the closing {@code end}), name, and data as JSON. */
    record Message(String id, String name, Map<String, Object> data) {
    }

    @BeforeAll
    void member() {
        tenant = newTenant();
        manager = newMember(tenant, "manager");
    }

    @Test
    void an_install_streams_every_event_in_order_and_the_stream_ends_after_the_last() {
        OneTaskRuns.deploy(manager, ONE_TASK, "streamed");
        String execution = OneTaskRuns.start(manager, "streamed", "install");

        Api.Response response = manager.get("/api/v3.1/events/stream?execution_id=" + execution);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().get("content-type").get(0)).startsWith("text/event-stream");
        List<Message> messages = parse(response.body());

        Message end = messages.get(messages.size() - 1);
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data()).containsEntry("execution_id", execution);
        List<Message> events = messages.subList(0, messages.size() - 1);
        List<Map<String, Object>> listed = manager.get("/api/v3.1/events?execution_id=" + execution
                + "&_sort=_storage_id").items();
        assertThat(events).extracting(Message::data).containsExactlyElementsOf(listed);
        assertThat(events.get(0).data()).containsEntry("event_type", "workflow_started");
        assertThat(events.get(events.size() - 1).data()).containsEntry("event_type", "workflow_succeeded");
        assertThat(events).extracting(m -> Long.parseLong(m.id())).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_client_that_reconnects_with_last_event_id_gets_exactly_the_events_after_it() {
        String execution = OneTaskRuns.run(manager, ONE_TASK, "resumed", "install");
        List<Message> all = parse(manager.get("/api/v3.1/events/stream?execution_id=" + execution).body());
        assertThat(all.size()).isGreaterThan(4);
        Message seen = all.get(2);

        Api.Response resumed = manager.with("Last-Event-ID", seen.id())
                .get("/api/v3.1/events/stream?execution_id=" + execution);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(parse(resumed.body())).containsExactlyElementsOf(all.subList(3, all.size()));
    }

    @Test
    void a_deployment_stream_carries_every_execution_of_the_deployment() {
        String execution = OneTaskRuns.run(manager, ONE_TASK, "whole", "install");
        List<Message> messages = parse(manager.get("/api/v3.1/events/stream?deployment_id=whole").body());
        assertThat(messages.get(messages.size() - 1).data()).containsEntry("deployment_id", "whole");
        assertThat(messages.subList(0, messages.size() - 1)).extracting(m -> m.data().get("execution_id"))
                .contains(execution).allSatisfy(id -> assertThat(id).isNotNull());
        assertThat(messages.subList(0, messages.size() - 1)).extracting(m -> m.data().get("deployment_id"))
                .containsOnly("whole");
    }

    @Test
    void another_tenants_member_cannot_follow_the_execution() {
        String execution = OneTaskRuns.run(manager, ONE_TASK, "private-stream", "install");
        Api stranger = newMember(newTenant(), "manager");
        Api.Response hidden = stranger.get("/api/v3.1/events/stream?execution_id=" + execution);
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
        assertThat(hidden.errorCode()).isEqualTo("not_found_error");
        Api.Response otherTenant = stranger.tenant(tenant).get("/api/v3.1/events/stream?execution_id=" + execution);
        assertThat(otherTenant.status()).as(otherTenant.body()).isEqualTo(403);
        assertThat(server.api().get("/api/v3.1/events/stream?execution_id=" + execution).status()).isEqualTo(401);
    }

    @Test
    void bad_parameters_are_refused_with_400_in_cloudifys_format() {
        String execution = OneTaskRuns.run(manager, ONE_TASK, "bad-params", "install");
        for (String query : List.of("", "?deployment_id=bad-params&execution_id=" + execution, "?node_id=n",
                "?execution_id=" + execution + "&execution_id=" + execution)) {
            Api.Response refused = manager.get("/api/v3.1/events/stream" + query);
            assertThat(refused.status()).as(query + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json()).containsKeys("message", "error_code").containsEntry("server_traceback", null);
        }
        for (String lastEventId : List.of("abc", "-1", "1.5")) {
            Api.Response refused = manager.with("Last-Event-ID", lastEventId)
                    .get("/api/v3.1/events/stream?execution_id=" + execution);
            assertThat(refused.status()).as(lastEventId + " → " + refused.body()).isEqualTo(400);
        }
        assertThat(manager.get("/api/v3.1/events/stream?execution_id=no-such-execution").status()).isEqualTo(404);
    }

    /** The messages of an SSE body, in order. */
    @SuppressWarnings("unchecked")
    List<Message> parse(String body) {
        JsonMapper mapper = server.context().getBean(JsonMapper.class);
        List<Message> messages = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            if (data.length() > 0) {
                try {
                    messages.add(new Message(id, name, mapper.readValue(data.toString(), Map.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return messages;
    }
}
