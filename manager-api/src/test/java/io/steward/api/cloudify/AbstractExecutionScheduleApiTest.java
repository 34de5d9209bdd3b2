package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.Await;
import io.steward.api.support.SettableClock;
import io.steward.api.support.SettableClockApiTestBase;
import io.steward.api.support.StewardServer;
import io.steward.engine.schedule.ScheduleFiring;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudify's {@code /execution-schedules} as {@code cfy deployments schedule} and the Python client use them, through
 * the real server: the shapes they read, each occurrence firing exactly once as the settable clock moves (the test
 * runs the firing loop's rounds itself; its own period is an hour), rules, slip, stop_on_fail, a restart, tenancy
 * and bad input.
 */
abstract class AbstractExecutionScheduleApiTest extends SettableClockApiTestBase {
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [cloudify/types/types.yaml]
            node_templates:
              n:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: steward.noop
                    configure: steward.fail
            workflows:
              one_task:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.create}
              fails:
                mapping: steward.sequence
                steps:
                  - {node: n, operation: cloudify.interfaces.lifecycle.configure}
            """;
    private static final String SCHEDULES = "/api/v3.1/execution-schedules";

    @Override
    protected Map<String, Object> serverProperties() {
        return properties();
    }

    protected static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(SettableClock.ENABLE);
        properties.put("steward.schedules.poll-interval", "1h");
        return properties;
    }

    /** {@code client.summary.execution_schedules.get(_target_field=…)}, inside the caller's tenant. */
    @Test
    void schedules_have_a_summary_per_deployment_and_workflow() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        String since = cliTime(clock().instant().plus(Duration.ofHours(1)));
        for (String id : List.of("a", "b")) {
            var created = user.put(SCHEDULES + "/" + id + "?deployment_id=d", Map.of("workflow_id", "one_task",
                    "since", since, "recurrence", "1 day", "count", 3, "weekdays", List.of(), "slip", 5,
                    "stop_on_fail", false, "enabled", true, "parameters", Map.of(),
                    "execution_arguments", Map.of("allow_custom_parameters", false, "force", false, "dry_run", false,
                            "wait_after_fail", 600)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        var summary = user.get("/api/v3.1/summary/execution_schedules?_target_field=deployment_id"
                + "&_sub_field=workflow_id&_all_tenants=False");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.items()).containsExactly(Map.of("deployment_id", "d", "execution_schedules", 2,
                "by workflow_id", List.of(Map.of("workflow_id", "one_task", "execution_schedules", 2))));
        var bad = user.get("/api/v3.1/summary/execution_schedules?_target_field=recurrence");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(newMember(newTenant(), "user").get("/api/v3.1/summary/execution_schedules?_target_field="
                + "deployment_id").items()).isEmpty();
    }

    @Test
    void create_get_list_update_and_delete_answer_the_shapes_the_client_reads() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        String since = cliTime(clock().instant().plus(Duration.ofHours(1)));
        var created = user.put(SCHEDULES + "/nightly?deployment_id=d", Map.of("workflow_id", "one_task",
                "since", since, "recurrence", "1 day", "count", 3, "weekdays", List.of(), "slip", 5,
                "stop_on_fail", false, "enabled", true, "parameters", Map.of(),
                "execution_arguments", Map.of("allow_custom_parameters", false, "force", false, "dry_run", false,
                        "wait_after_fail", 600)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> schedule = created.json();
        Instant first = LocalDateTime.parse(since).toInstant(ZoneOffset.UTC);
        assertThat(schedule).containsEntry("id", "nightly").containsEntry("deployment_id", "d")
                .containsEntry("workflow_id", "one_task").containsEntry("slip", 5)
                .containsEntry("enabled", true).containsEntry("stop_on_fail", false)
                .containsEntry("since", stamp(first)).containsEntry("until", null)
                .containsEntry("next_occurrence", stamp(first)).containsEntry("visibility", "tenant")
                .containsEntry("latest_execution_status", null);
        assertThat(schedule.get("rule")).isEqualTo(rule("1 day", 3, List.of(), null));
        assertThat(schedule.get("execution_arguments")).isEqualTo(Map.of("allow_custom_parameters", false,
                "force", false, "is_dry_run", false, "wait_after_fail", 600));
        assertThat(schedule.get("all_next_occurrences")).isEqualTo(List.of(preview(first),
                preview(first.plus(Duration.ofDays(1))), preview(first.plus(Duration.ofDays(2)))));

        var got = user.get(SCHEDULES + "/nightly?deployment_id=d");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(schedule);
        var listed = user.get(SCHEDULES + "?deployment_id=d&_sort=next_occurrence");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.items()).extracting(s -> s.get("id")).containsExactly("nightly");
        assertThat(listed.json().get("metadata")).isNotNull();

        var disabled = user.patch(SCHEDULES + "/nightly?deployment_id=d", Map.of("enabled", false));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(201);
        assertThat(disabled.json()).containsEntry("enabled", false).containsEntry("next_occurrence", stamp(first));
        assertThat(disabled.json().get("rule")).isEqualTo(schedule.get("rule"));
        var every2 = user.patch(SCHEDULES + "/nightly?deployment_id=d", Map.of("recurrence", "2 days"));
        assertThat(every2.status()).isEqualTo(201);
        assertThat(every2.json().get("rule")).isEqualTo(rule("2 days", 3, List.of(), null));
        assertThat(every2.json().get("all_next_occurrences")).asList().hasSize(3)
                .contains(preview(first.plus(Duration.ofDays(4))));

        var deleted = user.delete(SCHEDULES + "/nightly?deployment_id=d");
        assertThat(deleted.status()).isEqualTo(204);
        var gone = user.get(SCHEDULES + "/nightly?deployment_id=d");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found_error");
    }

    @Test
    void a_one_shot_schedule_fires_exactly_once() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Instant at = clock().instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        create(user, "once", Map.of("workflow_id", "one_task", "since", cliTime(at), "count", 1));
        tick(server);
        assertThat(executions(user)).isEmpty();
        clock().advance(Duration.ofMinutes(1));
        tick(server);
        tick(server);
        assertThat(executions(user)).hasSize(1);
        Map<String, Object> schedule = user.get(SCHEDULES + "/once?deployment_id=d").json();
        assertThat(schedule).containsEntry("next_occurrence", null);
        assertThat(schedule.get("latest_execution")).isEqualTo(executions(user).get(0).get("id"));
        clock().advance(Duration.ofDays(1));
        tick(server);
        assertThat(executions(user)).hasSize(1);
    }

    @Test
    void a_recurring_schedule_with_count_3_fires_three_times_as_the_clock_moves() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Instant at = clock().instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        create(user, "daily", Map.of("workflow_id", "one_task", "since", cliTime(at), "recurrence", "1 day",
                "count", 3, "parameters", Map.of()));
        for (int day = 1; day <= 4; day++) {
            clock().advance(day == 1 ? Duration.ofMinutes(1) : Duration.ofDays(1));
            tick(server);
            tick(server);
            assertThat(executions(user)).as("day " + day).hasSize(Math.min(day, 3));
        }
        assertThat(user.get(SCHEDULES + "/daily?deployment_id=d").json()).containsEntry("next_occurrence", null);
    }

    @Test
    void rrule_and_weekdays_set_the_occurrences() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        // 2030-01-02 is a Wednesday: the first Friday, Monday and Friday after it.
        var weekdays = create(user, "mo-fr", Map.of("workflow_id", "one_task", "since", "2030-01-02T10:00:00",
                "recurrence", "1 day", "weekdays", List.of("mo", "FR"), "count", 3));
        assertThat(weekdays.get("all_next_occurrences")).isEqualTo(List.of("2030-01-04 10:00:00",
                "2030-01-07 10:00:00", "2030-01-11 10:00:00"));
        assertThat(weekdays.get("rule")).isEqualTo(rule("1 day", 3, List.of("MO", "FR"), null));
        var rrule = create(user, "rrule", Map.of("workflow_id", "one_task", "since", "2030-01-02 10:00:00",
                "rrule", "RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3", "weekdays", List.of()));
        assertThat(rrule.get("all_next_occurrences")).isEqualTo(List.of("2030-01-02 10:00:00",
                "2030-01-02 12:00:00", "2030-01-02 14:00:00"));
        var until = create(user, "until", Map.of("workflow_id", "one_task", "since", "2030-01-02",
                "until", "2030-01-05T00:00:00", "recurrence", "1d"));
        assertThat(until.get("all_next_occurrences")).isEqualTo(List.of("2030-01-02 00:00:00",
                "2030-01-03 00:00:00", "2030-01-04 00:00:00", "2030-01-05 00:00:00"));
        // Enabling an rrule schedule keeps its rule (Cloudify itself answers that PATCH with a 400).
        var enabled = user.patch(SCHEDULES + "/rrule?deployment_id=d", Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(201);
        assertThat(enabled.json().get("rule")).isEqualTo(rule(null, null, List.of(),
                "RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3"));
    }

    @Test
    void a_disabled_schedule_does_not_fire_until_enabled() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Instant at = clock().instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        create(user, "off", Map.of("workflow_id", "one_task", "since", cliTime(at), "recurrence", "1 hour",
                "enabled", false));
        clock().advance(Duration.ofMinutes(1));
        tick(server);
        assertThat(executions(user)).isEmpty();
        var on = user.patch(SCHEDULES + "/off?deployment_id=d", Map.of("enabled", true));
        assertThat(on.json()).containsEntry("next_occurrence", stamp(at.plus(Duration.ofHours(1))));
        clock().advance(Duration.ofHours(1));
        tick(server);
        assertThat(executions(user)).hasSize(1);
    }

    @Test
    void an_occurrence_later_than_its_slip_is_skipped_and_the_next_one_fires() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Instant at = clock().instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        create(user, "slip", Map.of("workflow_id", "one_task", "since", cliTime(at), "recurrence", "1 hour",
                "slip", 5));
        clock().advance(Duration.ofMinutes(1 + 7)); // 7 minutes late: more than 5 plus the minute of grace
        tick(server);
        assertThat(executions(user)).isEmpty();
        assertThat(user.get(SCHEDULES + "/slip?deployment_id=d").json())
                .containsEntry("next_occurrence", stamp(at.plus(Duration.ofHours(1))));
        clock().advance(Duration.ofMinutes(60 - 7 + 4)); // 4 minutes late: within the slip
        tick(server);
        assertThat(executions(user)).hasSize(1);
    }

    @Test
    void a_stop_on_fail_schedule_disables_itself_when_its_execution_fails() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Instant at = clock().instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        create(user, "fragile", Map.of("workflow_id", "fails", "since", cliTime(at), "recurrence", "1 hour",
                "stop_on_fail", true));
        clock().advance(Duration.ofMinutes(1));
        tick(server);
        String id = (String) executions(user, "fails").get(0).get("id");
        Await.until("the scheduled execution fails", Duration.ofSeconds(30),
                () -> user.get("/api/v3.1/executions/" + id).json().get("status"), "failed"::equals);
        tick(server);
        Map<String, Object> schedule = user.get(SCHEDULES + "/fragile?deployment_id=d").json();
        assertThat(schedule).containsEntry("enabled", false).containsEntry("latest_execution_status", "failed");
        clock().advance(Duration.ofHours(1));
        tick(server);
        assertThat(executions(user, "fails")).hasSize(1);
    }

    @Test
    void a_restart_on_the_same_database_does_not_fire_an_occurrence_again() {
        Map<String, Object> database = database();
        Instant at;
        String tenant = unique("t");
        String username = unique("u");
        try (StewardServer first = StewardServer.start(database, properties())) {
            Api user = member(first, tenant, username);
            deployed(first, user);
            SettableClock clock = first.context().getBean(SettableClock.class);
            at = clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            create(user, "daily", Map.of("workflow_id", "one_task", "since", cliTime(at), "recurrence", "1 day"));
            clock.advance(Duration.ofMinutes(1));
            tick(first);
            assertThat(executions(user)).hasSize(1);
        }
        try (StewardServer second = StewardServer.start(database, properties())) {
            Api user = second.api().basic(username, "pw-" + username).tenant(tenant);
            SettableClock clock = second.context().getBean(SettableClock.class);
            clock.advance(Duration.between(clock.instant(), at.plus(Duration.ofMinutes(1))));
            tick(second);
            tick(second);
            assertThat(executions(user)).hasSize(1);
            clock.advance(Duration.ofDays(1));
            tick(second);
            assertThat(executions(user)).hasSize(2);
        }
    }

    @Test
    void viewers_read_schedules_other_tenants_do_not_see_them() {
        String tenant = newTenant();
        Api user = deployed(server, newMember(tenant, "user"));
        create(user, "s", Map.of("workflow_id", "one_task", "since", "2030-01-02T10:00:00", "count", 1));
        Api viewer = newMember(tenant, "viewer");
        assertThat(viewer.get(SCHEDULES + "/s?deployment_id=d").status()).isEqualTo(200);
        assertThat(viewer.get(SCHEDULES).items()).hasSize(1);
        for (var refused : List.of(
                viewer.put(SCHEDULES + "/v?deployment_id=d", Map.of("workflow_id", "one_task",
                        "since", "2030-01-02T10:00:00", "count", 1)),
                viewer.patch(SCHEDULES + "/s?deployment_id=d", Map.of("enabled", false)),
                viewer.delete(SCHEDULES + "/s?deployment_id=d"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        }
        Api other = newMember(newTenant(), "manager");
        assertThat(other.get(SCHEDULES).items()).isEmpty();
        for (var hidden : List.of(other.get(SCHEDULES + "/s?deployment_id=d"),
                other.patch(SCHEDULES + "/s?deployment_id=d", Map.of("enabled", false)),
                other.delete(SCHEDULES + "/s?deployment_id=d"))) {
            assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
            assertThat(hidden.errorCode()).isEqualTo("not_found_error");
        }
        assertThat(user.get(SCHEDULES + "/s?deployment_id=d").json()).containsEntry("enabled", true);
    }

    @Test
    void bad_input_is_a_400_naming_the_problem() {
        Api user = deployed(server, newMember(newTenant(), "user"));
        Map<String, Object> good = Map.of("workflow_id", "one_task", "since", "2030-01-02T10:00:00",
                "recurrence", "1 day");
        record Case(Map<String, Object> change, int status, String code, String says) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("workflow_id", ""), 400, "nonexistent_workflow_error", "Workflow"),
                new Case(Map.of("workflow_id", "nope"), 400, "nonexistent_workflow_error", "nope"),
                new Case(Map.of("since", ""), 400, "bad_parameters_error", "since is required"),
                new Case(Map.of("since", "tomorrow"), 400, "bad_parameters_error", "since"),
                new Case(Map.of("until", "2030-01-01T00:00:00"), 400, "bad_parameters_error", "before since"),
                new Case(Map.of("recurrence", "often"), 400, "bad_parameters_error", "recurrence"),
                new Case(Map.of("recurrence", "3 fortnights"), 400, "bad_parameters_error", "unknown unit"),
                new Case(Map.of("recurrence", "", "count", 2), 400, "bad_parameters_error",
                        "recurrence must be specified for execution count larger than 1"),
                new Case(Map.of("count", 0), 400, "bad_parameters_error", "count"),
                new Case(Map.of("count", "many"), 400, "bad_parameters_error", "count"),
                new Case(Map.of("weekdays", "mo"), 400, "bad_parameters_error", "weekdays must be a list"),
                new Case(Map.of("weekdays", List.of("funday")), 400, "bad_parameters_error", "funday"),
                new Case(Map.of("weekdays", List.of("1MO")), 400, "bad_parameters_error", "monthly"),
                new Case(Map.of("recurrence", "", "rrule", "FREQ=SOMETIMES"), 400, "bad_parameters_error",
                        "rrule"),
                new Case(Map.of("rrule", "FREQ=DAILY"), 400, "bad_parameters_error", "cannot be combined"),
                new Case(Map.of("slip", -1), 400, "bad_parameters_error", "slip"),
                new Case(Map.of("parameters", List.of(1)), 400, "bad_parameters_error", "parameters"),
                new Case(Map.of("enabled", "maybe"), 400, "bad_parameters_error", "enabled"),
                new Case(Map.of("execution_arguments", "x"), 400, "bad_parameters_error", "execution_arguments"));
        for (Case c : cases) {
            Map<String, Object> body = new HashMap<>(good);
            body.putAll(c.change());
            var response = user.put(SCHEDULES + "/bad?deployment_id=d", body);
            assertThat(response.status()).as(c + ": " + response.body()).isEqualTo(c.status());
            assertThat(response.errorCode()).as(c.toString()).isEqualTo(c.code());
            assertThat((String) response.json().get("message")).as(c.toString()).contains(c.says());
        }
        var noDeployment = user.put(SCHEDULES + "/bad?deployment_id=missing", good);
        assertThat(noDeployment.status()).isEqualTo(404);
        assertThat(noDeployment.errorCode()).isEqualTo("not_found_error");
        var noDeploymentId = user.put(SCHEDULES + "/bad", good);
        assertThat(noDeploymentId.status()).isEqualTo(400);
        assertThat(noDeploymentId.errorCode()).isEqualTo("bad_parameters_error");
        assertThat(user.get(SCHEDULES + "/bad").status()).isEqualTo(400);
        assertThat(user.get(SCHEDULES + "/bad?deployment_id=d").status()).isEqualTo(404);
        assertThat(user.delete(SCHEDULES + "/bad?deployment_id=d").status()).isEqualTo(404);
        assertThat(user.patch(SCHEDULES + "/bad?deployment_id=d", Map.of()).status()).isEqualTo(404);

        create(user, "taken", good);
        var twice = user.put(SCHEDULES + "/taken?deployment_id=d", good);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("conflict_error");
        for (var patch : List.<Map<String, Object>>of(Map.of("recurrence", "often"),
                Map.of("until", "2029-01-01T00:00:00"), Map.of("workflow_id", "nope"), Map.of("rrule", "X=1"))) {
            var refused = user.patch(SCHEDULES + "/taken?deployment_id=d", patch);
            assertThat(refused.status()).as(patch + ": " + refused.body()).isEqualTo(400);
        }
        assertThat(user.get(SCHEDULES + "/taken?deployment_id=d").json().get("rule"))
                .isEqualTo(rule("1 day", null, List.of(), null));
        assertThat(user.get(SCHEDULES + "?_sort=nope").errorCode()).isEqualTo("bad_parameters_error");
    }

    private static Map<String, Object> rule(String recurrence, Integer count, List<String> weekdays, String rrule) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("recurrence", recurrence);
        rule.put("count", count);
        rule.put("weekdays", weekdays);
        rule.put("rrule", rrule);
        return rule;
    }

    protected static Map<String, Object> create(Api user, String id, Map<String, Object> body) {
        var created = user.put(SCHEDULES + "/" + id + "?deployment_id=d", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    protected static void tick(StewardServer server) {
        server.context().getBean(ScheduleFiring.class).tick();
    }

    protected static List<Map<String, Object>> executions(Api user) {
        return executions(user, "one_task");
    }

    private static List<Map<String, Object>> executions(Api user, String workflow) {
        var listed = user.get("/api/v3.1/executions?deployment_id=d&workflow_id=" + workflow);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.items();
    }

    /** The CLI's {@code -s} value: naive UTC in {@code isoformat()}. */
    protected static String cliTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                .format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static String stamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ".000Z");
    }

    private static String preview(Instant at) {
        return cliTime(at).replace('T', ' ');
    }

    protected static Api member(StewardServer on, String tenant, String username) {
        Api admin = on.admin();
        assertThat(admin.post("/api/v3.1/tenants/" + tenant, Map.of("rabbitmq_password", "")).status())
                .isEqualTo(201);
        assertThat(admin.put("/api/v3.1/users", Map.of("username", username, "password", "pw-" + username,
                "role", "default")).status()).isEqualTo(201);
        assertThat(admin.put("/api/v3.1/tenants/users", Map.of("username", username, "tenant_name", tenant,
                "role", "user")).status()).isEqualTo(200);
        return on.api().basic(username, "pw-" + username).tenant(tenant);
    }

    protected static Api deployed(StewardServer on, Api user) {
        var uploaded = user.send("PUT", "/api/v3.1/blueprints/b", "application/yaml",
                BLUEPRINT.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var created = user.put("/api/v3.1/deployments/d", Map.of("blueprint_id", "b"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return user;
    }
}
