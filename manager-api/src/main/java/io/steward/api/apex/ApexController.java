package io.steward.api.apex;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.dispatch.job.JobRequest;
import io.steward.dispatch.job.UnitJob;
import io.steward.dispatch.job.UnitJobs;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.tenancy.store.DatabaseReachability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * APEx Dispatch API 0.7.2 under {@code steward.apex.path}: unit jobs, their results, synchronous jobs, process
 * parameters, the combined status list and health. Thin: bodies are checked by {@link ApexBodies}, the work is
 * {@link UnitJobs}'s, and the wire shapes are APEx's.
 */
@Controller("${steward.apex.path:/apex}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class ApexController {
    /** Without {@code limit}, {@code GET /jobs_status} answers this many at most (the reference has no paging). */
    private static final int ALL = 10_000;

    private final UnitJobs jobs;
    private final ApexBodies bodies;
    private final DatabaseReachability database;

    ApexController(UnitJobs jobs, ApexBodies bodies, DatabaseReachability database) {
        this.jobs = jobs;
        this.bodies = bodies;
        this.database = database;
    }

    @Post("/unit_jobs")
    MutableHttpResponse<Map<String, Object>> create(@Nullable @Body String body, HttpRequest<?> request) {
        UnitJob job = jobs.create(bodies.jobRequest(body), callerToken(request));
        return HttpResponse.status(HttpStatus.CREATED).body(summary(job));
    }

    @Get("/unit_jobs/{jobId}")
    Map<String, Object> get(@PathVariable String jobId) {
        return full(jobs.get(ApexBodies.pathId("job_id", jobId)));
    }

    @Get("/unit_jobs/{jobId}/results")
    Map<String, Object> results(@PathVariable String jobId, HttpRequest<?> request) {
        return jobs.results(ApexBodies.pathId("job_id", jobId), callerToken(request));
    }

    @Delete("/unit_jobs/{jobId}")
    HttpResponse<String> delete(@PathVariable String jobId, HttpRequest<?> request) {
        jobs.delete(ApexBodies.pathId("job_id", jobId), callerToken(request));
        return HttpResponse.ok("null").contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Post("/sync_jobs")
    MutableHttpResponse<Object> sync(@Nullable @Body String body, HttpRequest<?> request) {
        JobRequest job = bodies.jobRequest(body);
        return HttpResponse.status(HttpStatus.CREATED).body(jobs.runSynchronously(job, callerToken(request)));
    }

    @Post("/params")
    List<Map<String, Object>> params(@Nullable @Body String body, HttpRequest<?> request) {
        ApexBodies.ParamRequest asked = bodies.paramRequest(body);
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (ProcessParameter p : jobs.parameters(asked.label(), asked.service(), callerToken(request))) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", p.name());
            parameter.put("type", p.type());
            parameter.put("optional", p.optional());
            parameter.put("description", p.description());
            parameter.put("default", p.defaultValue());
            parameter.put("options", p.options());
            parameters.add(parameter);
        }
        return parameters;
    }

    @Get("/jobs_status")
    Map<String, Object> jobsStatus(HttpRequest<?> request) {
        var params = request.getParameters();
        Set<String> filters = ApexBodies.filters(params.getAll("filter"));
        Integer limit = ApexBodies.queryInt("limit", params.get("limit"), 1, ALL);
        Integer offset = ApexBodies.queryInt("offset", params.get("offset"), 0, Integer.MAX_VALUE);
        List<Map<String, Object>> processing = new ArrayList<>();
        if (filters.contains("processing")) {
            jobs.list(offset == null ? 0 : offset, limit == null ? ALL : limit)
                    .forEach(job -> processing.add(summary(job)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // Upscale tasks are not served by this build: the list is always empty.
        body.put("upscaling_tasks", List.of());
        body.put("processing_jobs", processing);
        return body;
    }

    @Get("/health")
    MutableHttpResponse<Map<String, Object>> health() {
        boolean up = database.reachable();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status", up ? "ok" : "error");
        database.lastFailure().filter(f -> !up).ifPresent(f -> db.put("message", f));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "ok" : "error");
        body.put("database", db);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    /** The caller's own bearer token, for platforms whose auth forwards it. */
    private static CallerToken callerToken(HttpRequest<?> request) {
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new CallerToken(authorization.substring(7).trim());
        }
        return CallerToken.NONE;
    }

    /** {@code ProcessingJobSummary}. */
    static Map<String, Object> summary(UnitJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("title", job.title());
        body.put("label", job.label());
        body.put("status", job.status().wire());
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", job.service().endpoint());
        service.put("application", job.service().application());
        service.put("namespace", job.service().namespace());
        body.put("service", service);
        body.put("parameters", job.parameters());
        return body;
    }

    /** {@code ProcessingJob}: the summary with its creation and last-change times. */
    static Map<String, Object> full(UnitJob job) {
        Map<String, Object> body = summary(job);
        body.put("created", job.created().toString());
        body.put("updated", job.updated().toString());
        return body;
    }
}
