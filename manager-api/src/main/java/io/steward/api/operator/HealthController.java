package io.steward.api.operator;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/**
 * {@code GET /health} for supervisors and load balancers: 200 {@code UP} or 503 {@code DOWN} naming what is down.
 * Outside {@code /api}, so neither authentication nor maintenance mode stands in front of it.
 */
@Hidden // not the Cloudify API, which /api/openapi.json documents
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {
    private final HealthCheck health;

    HealthController(HealthCheck health) {
        this.health = health;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> health() {
        HealthCheck.Report report = health.report();
        return HttpResponse.<Map<String, Object>>status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(report.body());
    }
}
