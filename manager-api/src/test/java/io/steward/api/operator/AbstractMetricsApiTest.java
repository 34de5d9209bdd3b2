package io.steward.api.operator;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import io.steward.api.support.StewardServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics}: Prometheus' text format with Steward's own {@code steward_…} series (executions, queue, claim
 * and start latency, operation durations, HTTP requests by route template, the connection pool) and the JVM's;
 * scraped by a {@code sys_admin} unless {@code steward.metrics.public} is set.
 */
abstract class AbstractMetricsApiTest extends ApiTestBase {
    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.metrics.executions-refresh", "0s");
    }

    @Test
    void a_scrape_after_an_execution_shows_its_series_with_bounded_labels() {
        String tenant = newTenant();
        Api manager = newMember(tenant, "manager");
        String execution = OneTaskRuns.run(manager, ONE_TASK, "metered", "one_task");
        assertThat(manager.get("/api/v3.1/executions/" + execution).status()).isEqualTo(200);

        Api.Response scrape = admin.get("/metrics");
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.headers().get("content-type").get(0)).startsWith("text/plain; version=0.0.4");
        String text = scrape.body();
        assertThat(value(text, "steward_executions{status=\"terminated\",tenant=\"" + tenant + "\"}"))
                .as("the blueprint upload, the deployment environment and one_task").isEqualTo(3.0);
        assertThat(value(text, "steward_queue_depth{state=\"pending\"}")).isZero();
        assertThat(value(text, "steward_queue_depth{state=\"queued\"}")).isZero();
        assertThat(value(text, "steward_execution_claim_latency_seconds_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "steward_execution_start_latency_seconds_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "steward_operation_duration_seconds_count{kind=\"builtin\",outcome=\"succeeded\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(text).contains("steward_operation_duration_seconds_bucket{kind=\"builtin\",outcome=\"succeeded\",le=");
        assertThat(value(text, "steward_http_server_requests_seconds_count{method=\"POST\","
                + "route=\"/api/v3.1/executions\",status=\"2xx\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "steward_http_server_requests_seconds_count{method=\"GET\","
                + "route=\"/api/v3.1/executions/{id}\",status=\"2xx\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(text).as("raw paths and ids never become labels").doesNotContain(execution);
        assertThat(value(text, "steward_db_pool_max_connections")).isPositive();
        assertThat(text).contains("steward_db_pool_connections{state=\"active\"}",
                "steward_db_pool_connections{state=\"idle\"}", "steward_loop_last_round_seconds{loop=\"engine\"}",
                "jvm_memory_used_bytes{", "jvm_threads_live_threads", "process_uptime_seconds");
    }

    @Test
    void an_unmatched_path_is_counted_under_one_label() {
        admin.get("/no-such-page-" + unique("x"));
        String text = admin.get("/metrics").body();
        assertThat(value(text, "steward_http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\","
                + "status=\"4xx\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(text).doesNotContain("no-such-page");
    }

    @Test
    void scraping_needs_a_sys_admin_unless_the_metrics_are_public() {
        Api.Response anonymous = server.api().get("/metrics");
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthorized_error");
        Api.Response member = newMember(newTenant(), "manager").get("/metrics");
        assertThat(member.status()).as(member.body()).isEqualTo(403);
        assertThat(member.errorCode()).isEqualTo("forbidden_error");

        try (StewardServer open = StewardServer.start(database(), Map.of("steward.metrics.public", "true"))) {
            Api.Response scrape = open.api().get("/metrics");
            assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
            assertThat(scrape.body()).contains("steward_db_pool_connections");
        }
    }

    /** The value of the sample named exactly {@code series} (name and labels). */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("series " + series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
