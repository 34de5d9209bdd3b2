package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.SettableClockApiTestBase;
import io.steward.engine.runner.EngineRunner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scheduled_time} in the forms {@code cfy executions start --schedule} and the Python client send: the CLI's
 * {@code YYYYMMDDHHMM+HHMM}, ISO-8601 with an offset with or without a colon, a space for the {@code T}. The server's
 * clock is the test's: a schedule comes due when the test moves the clock, and the engine's round is run at once.
 */
abstract class AbstractScheduledTimeApiTest extends SettableClockApiTestBase {
    private static final DateTimeFormatter CLI = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    @Test
    void the_cli_form_and_iso_variants_schedule_the_execution_at_that_instant() {
        Api user = deployed();
        Instant when = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String utc = CLI.format(when.atOffset(ZoneOffset.UTC));
        assertThat(scheduledFor(user, utc + "+0000")).isEqualTo(when.toString().replace("Z", ".000Z"));
        String minusFive = CLI.format(when.atOffset(ZoneOffset.ofHours(-5)));
        assertThat(scheduledFor(user, minusFive + "-0500")).isEqualTo(when.toString().replace("Z", ".000Z"));
        assertThat(scheduledFor(user, utc)).isEqualTo(when.toString().replace("Z", ".000Z"));
        String iso = when.atOffset(ZoneOffset.ofHours(2)).toLocalDateTime().toString();
        assertThat(scheduledFor(user, iso + "+0200")).isEqualTo(when.toString().replace("Z", ".000Z"));
        assertThat(scheduledFor(user, iso.replace('T', ' ') + "+02:00"))
                .isEqualTo(when.toString().replace("Z", ".000Z"));
    }

    @Test
    void a_scheduled_execution_starts_when_the_clock_reaches_its_time_and_not_before() {
        ExecutionFixture f = ExecutionFixture.deploy(newMember(newTenant(), "user"), unique("d"), Map.of());
        // Whole seconds: the database keeps microseconds, and a rounded-up schedule would stay a nanosecond ahead.
        Instant when = clock().instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var response = f.user.post("/api/v3.1/executions", Map.of("deployment_id", f.deployment,
                "workflow_id", "install", "scheduled_time", when.toString()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).containsEntry("status", "scheduled");
        String id = (String) response.json().get("id");
        EngineRunner engine = server.context().getBean(EngineRunner.class);
        clock().advance(Duration.ofMinutes(59));
        engine.tick();
        assertThat(f.execution(id)).as("a minute early").containsEntry("status", "scheduled");
        clock().advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(f.execution(id).get("status")).as("due: the round moved it on").isNotEqualTo("scheduled");
        assertThat(f.awaitStatus(id, "terminated", "failed")).containsEntry("status", "terminated");
    }

    @Test
    void a_past_or_malformed_schedule_is_a_400() {
        Api user = deployed();
        for (String bad : new String[] {"200101010000+0000", "202613450000+0000", "202612031200+9999", "20261203",
                "2026-12-03T12:00+25:00", "tomorrow", "2".repeat(100)}) {
            var response = start(user, bad);
            assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("bad_parameters_error");
            assertThat((String) response.json().get("message")).contains("scheduled_time");
        }
    }

    private Api deployed() {
        Api user = newMember(newTenant(), "user");
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                ONE_TASK.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return user;
    }

    private static Api.Response start(Api user, String schedule) {
        return user.post("/api/v3.1/executions", Map.of("deployment_id", "d", "workflow_id", "one_task",
                "scheduled_time", schedule));
    }

    private static Object scheduledFor(Api user, String schedule) {
        var response = start(user, schedule);
        assertThat(response.status()).as(schedule + ": " + response.body()).isEqualTo(201);
        assertThat(response.json()).containsEntry("status", "scheduled");
        return response.json().get("scheduled_for");
    }
}
