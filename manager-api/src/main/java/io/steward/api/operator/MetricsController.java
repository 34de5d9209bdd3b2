package io.steward.api.operator;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.security.MetricsAccess;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /metrics} in Prometheus' text format (0.0.4). Outside {@code /api}: maintenance mode does not stop a
 * scrape; who may scrape is {@link MetricsAccess}'s rule.
 */
@Hidden // not the Cloudify API, which /api/openapi.json documents
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class MetricsController {
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final MetricsAccess access;
    private final ExecutionGauges executions;
    private final ServerGauges server;

    MetricsController(PrometheusMeterRegistry registry, MetricsAccess access, ExecutionGauges executions,
                      ServerGauges server) {
        this.registry = registry;
        this.access = access;
        this.executions = executions;
        this.server = server;
    }

    @Get(uri = "/metrics")
    HttpResponse<String> metrics(HttpRequest<?> request) {
        access.require(request);
        executions.refreshIfStale();
        server.refresh();
        return HttpResponse.ok(registry.scrape()).contentType(TEXT_FORMAT);
    }
}
