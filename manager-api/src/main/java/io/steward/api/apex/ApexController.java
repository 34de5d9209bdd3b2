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
import io.steward.dispatch.DispatchException;
import io.steward.dispatch.job.JobRequest;
import io.steward.dispatch.job.UnitJob;
import io.steward.dispatch.job.UnitJobSummary;
import io.steward.dispatch.job.UnitJobs;
import io.steward.dispatch.job.UpscaleTask;
import io.steward.dispatch.job.UpscaleTasks;
import io.steward.dispatch.platform.CallerToken;
import io.steward.dispatch.platform.ProcessParameter;
import io.steward.dispatch.tiles.TileSplitter;
import io.steward.dispatch.validation.ValidationException;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.store.DatabaseReachability;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * APEx Dispatch API 0.7.2 under {@code steward.apex.path}: unit jobs, their results, upscale tasks, synchronous jobs,
 * process parameters, tiles, the combined status list and health. Thin: bodies are checked by {@link ApexBodies}, the work is
 * {@link UnitJobs}'s, and the wire shapes are APEx's.
 */
@Hidden // not the Cloudify API, which /api/openapi.json documents
@Controller("${steward.apex.path:/apex}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class ApexController {
    /** Without {@code limit}, {@code GET /jobs_status} answers this many at most (the reference has no paging). */
    private static final int ALL = 10_000;

    private final UnitJobs jobs;
    private final UpscaleTasks tasks;
    private final ApexBodies bodies;
    private final DatabaseReachability database;
    private final JobsStatusCache answers;
    private final TileSplitter tiles = new TileSplitter();

    ApexController(UnitJobs jobs, UpscaleTasks tasks, ApexBodies bodies, DatabaseReachability database,
                   JobsStatusCache answers) {
        this.answers = answers;
        this.jobs = jobs;
        this.tasks = tasks;
        this.bodies = bodies;
        this.database = database;
    }

    @Post("/unit_jobs")
    MutableHttpResponse<Map<String, Object>> create(@Nullable @Body String body, HttpRequest<?> request) {
        UnitJob job = jobs.create(bodies.jobRequest(body), callerToken(request));
        return HttpResponse.status(HttpStatus.CREATED).body(summary(job));
    }

    @Get("/unit_jobs/{jobId}")
    HttpResponse<byte[]> get(@PathVariable String jobId) {
        return HttpResponse.ok(UnitJobJson.job(jobs.summary(ApexBodies.pathId("job_id", jobId))))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
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

    @Post("/upscale_tasks")
    MutableHttpResponse<Map<String, Object>> createUpscaleTask(@Nullable @Body String body, HttpRequest<?> http) {
        ApexBodies.UpscaleRequest request = bodies.upscaleRequest(body);
        UpscaleTask task = tasks.create(request.job(), request.dimensionName(), request.values(), callerToken(http));
        return HttpResponse.status(HttpStatus.CREATED).body(taskSummary(task));
    }

    @Get("/upscale_tasks/{taskId}")
    Map<String, Object> getUpscaleTask(@PathVariable String taskId) {
        return task(tasks.get(ApexBodies.pathId("task_id", taskId)));
    }

    /**
     * Not in APEx 0.7.2 (which has no way to stop a task): cancels the task as a whole, as {@code DELETE
     * /unit_jobs/{id}} does one job, dismissing each of its jobs on the platform.
     */
    @Delete("/upscale_tasks/{taskId}")
    HttpResponse<String> deleteUpscaleTask(@PathVariable String taskId, HttpRequest<?> request) {
        tasks.delete(ApexBodies.pathId("task_id", taskId), callerToken(request));
        return HttpResponse.ok("null").contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** APEx's helper for upscaling dimensions: the area cut into the grid's tiles, a GeoJSON GeometryCollection. */
    @Post("/tiles")
    MutableHttpResponse<Map<String, Object>> tiles(@Nullable @Body String body) {
        ApexBodies.TileRequest request = bodies.tileRequest(body);
        try {
            return HttpResponse.status(HttpStatus.CREATED).body(tiles.split(request.aoi(), request.grid()));
        } catch (ValidationException e) {
            throw new DispatchException(DispatchException.Reason.VALIDATION, "Request validation failed",
                    e.errors().stream().map(error -> error.pydantic("body")).toList());
        }
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

    /** {@code JobsStatusResponse} of the caller: {@code offset}/{@code limit} apply to each list. */
    @Get("/jobs_status")
    HttpResponse<byte[]> jobsStatus(HttpRequest<?> request) {
        var params = request.getParameters();
        Set<String> filters = ApexBodies.filters(params.getAll("filter"));
        Integer limit = ApexBodies.queryInt("limit", params.get("limit"), 1, ALL);
        int from = offset(params.get("offset"));
        int count = limit == null ? ALL : limit;
        byte[] body = answers.answer(new JobsStatusCache.Key(CallerScope.current(), filters, from, count), () -> {
            List<UpscaleTask> upscaling = filters.contains("upscaling") ? tasks.list(from, count) : List.of();
            List<UnitJobSummary> processing = filters.contains("processing") ? jobs.summaries(from, count)
                    : List.of();
            return UnitJobJson.write(upscaling, processing);
        });
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static int offset(String value) {
        Integer offset = ApexBodies.queryInt("offset", value, 0, Integer.MAX_VALUE);
        return offset == null ? 0 : offset;
    }

    /** As {@code GET /jobs_status}, as maps: the WebSocket's pushes. */
    static Map<String, Object> jobsStatus(UnitJobs jobs, UpscaleTasks tasks, Set<String> filters, int offset,
                                          int limit) {
        List<Map<String, Object>> upscaling = new ArrayList<>();
        if (filters.contains("upscaling")) {
            tasks.list(offset, limit).forEach(task -> upscaling.add(taskSummary(task)));
        }
        List<Map<String, Object>> processing = new ArrayList<>();
        if (filters.contains("processing")) {
            jobs.list(offset, limit).forEach(job -> processing.add(summary(job)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upscaling_tasks", upscaling);
        body.put("processing_jobs", processing);
        return body;
    }

    /** The unfiltered, unpaged status list, as the WebSocket pushes it. */
    static Map<String, Object> jobsStatus(UnitJobs jobs, UpscaleTasks tasks, Set<String> filters) {
        return jobsStatus(jobs, tasks, filters, 0, ALL);
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

    /** {@code UpscalingTaskSummary}. */
    static Map<String, Object> taskSummary(UpscaleTask task) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", task.id());
        body.put("title", task.title());
        body.put("label", task.label());
        body.put("status", task.status().wire());
        return body;
    }

    /** {@code UpscalingTask}: the summary with its service, times and jobs. */
    static Map<String, Object> task(UpscaleTask task) {
        Map<String, Object> body = taskSummary(task);
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("endpoint", task.service().endpoint());
        service.put("application", task.service().application());
        service.put("namespace", task.service().namespace());
        body.put("service", service);
        body.put("created", task.created().toString());
        body.put("updated", task.updated().toString());
        List<Map<String, Object>> children = new ArrayList<>();
        task.jobs().forEach(job -> children.add(summary(job)));
        body.put("jobs", children);
        return body;
    }
}
