package io.steward.api.ogc;

import io.steward.engine.execution.ExecutionAdmission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.ogc.wire.Results;
import io.steward.api.ogc.wire.StatusInfo;
import io.steward.ogc.process.Job;
import io.steward.ogc.process.JobFilter;
import io.steward.ogc.process.JobStatus;
import io.steward.ogc.process.Jobs;
import io.steward.ogc.process.ProcessDefinition;
import io.steward.ogc.process.ProcessException;
import io.steward.ogc.process.ProcessRegistry;
import io.steward.tenancy.store.Page;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /jobs}: list with filters, status, results, dismiss (18-062r2 §7.12–7.13, §11, §13). */
@Hidden // not the Cloudify API: /api/openapi.json documents that alone (the OGC API has its own document)
@Controller("${steward.ogcapi.path:/ogcapi}/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class JobsController {
    private static final List<String> FILTERS = List.of("type", "processID", "status", "datetime", "minDuration",
            "maxDuration");

    private final Jobs jobs;
    private final ProcessRegistry processes;
    private final OgcUrls urls;
    private final OgcBodies bodies;
    private final ExecutionAdmission admission;

    JobsController(Jobs jobs, ProcessRegistry processes, OgcUrls urls, OgcBodies bodies,
                   ExecutionAdmission admission) {
        this.admission = admission;
        this.jobs = jobs;
        this.processes = processes;
        this.urls = urls;
        this.bodies = bodies;
    }

    @Get
    Map<String, Object> list(HttpRequest<?> request) {
        var params = request.getParameters();
        Paging paging = Paging.of(params.get("limit"), params.get("offset"));
        List<String> types = values(params.getAll("type"));
        if (types.stream().anyMatch(t -> !t.equals("process"))) {
            throw ProcessException.invalidQuery("type must be 'process' (the only job type Steward has), not "
                    + types);
        }
        Instant[] interval = interval(params.get("datetime"));
        JobFilter filter = new JobFilter(values(params.getAll("processID")),
                values(params.getAll("status")).stream().map(JobStatus::ofWire).toList(), interval[0], interval[1],
                seconds("minDuration", params.get("minDuration")), seconds("maxDuration", params.get("maxDuration")),
                paging.offset(), paging.limit());
        String root = urls.root(request);
        Page<Job> page = jobs.list(filter);
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, ExecutionAdmission.Waiting> waiting = admission.explain(page.items().stream()
                .filter(job -> job.status() == JobStatus.ACCEPTED).map(job -> job.execution().id()).toList());
        page.items().forEach(job -> items.add(StatusInfo.of(job, root, waiting.get(job.execution().id()))));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        FILTERS.forEach(name -> {
            if (!params.getAll(name).isEmpty()) {
                kept.put(name, params.getAll(name));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", items);
        body.put("numberMatched", page.total());
        body.put("numberReturned", items.size());
        body.put("links", paging.links(root + "/jobs", page.total(), kept));
        return body;
    }

    @Get("/{jobId}")
    Map<String, Object> status(HttpRequest<?> request, @PathVariable String jobId) {
        Job job = jobs.get(jobId);
        return StatusInfo.of(job, urls.root(request), job.status() == JobStatus.ACCEPTED
                ? admission.explain(job.execution().id()).orElse(null) : null);
    }

    /** Dismiss: stops a running job (answers {@code dismissed}); removes a finished one with its results. */
    @Delete("/{jobId}")
    Map<String, Object> dismiss(HttpRequest<?> request, @PathVariable String jobId) {
        return StatusInfo.of(jobs.dismiss(jobId), JobStatus.DISMISSED, urls.root(request));
    }

    @Get("/{jobId}/results")
    MutableHttpResponse<?> results(HttpRequest<?> request, @PathVariable String jobId) {
        Job job = jobs.get(jobId);
        Map<String, Object> results = jobs.results(jobId);
        return Results.render(job, process(job), results, urls.root(request), bodies.mapper(),
                acceptsOnlyJson(request));
    }

    /** Whether every media type the client accepts is {@code application/json} (as APEx's dispatcher sends). */
    private static boolean acceptsOnlyJson(HttpRequest<?> request) {
        java.util.Collection<MediaType> accepted = request.accept();
        return !accepted.isEmpty() && accepted.stream().allMatch(t -> t.getName().equals(MediaType.APPLICATION_JSON));
    }

    /** One output's value, raw: where results sent by reference point. */
    @Get("/{jobId}/results/{outputId}")
    MutableHttpResponse<?> output(@PathVariable String jobId, @PathVariable String outputId) {
        Job job = jobs.get(jobId);
        Map<String, Object> results = jobs.results(jobId);
        if (!results.containsKey(outputId)) {
            throw new ProcessException(ProcessException.Reason.NO_SUCH_OUTPUT, "Job '" + jobId + "' has no output '"
                    + outputId + "'; it has " + results.keySet());
        }
        return Results.raw(process(job), outputId, results.get(outputId), bodies.mapper());
    }

    private ProcessDefinition process(Job job) {
        try {
            return processes.get(job.processId());
        } catch (ProcessException e) {
            return null;
        }
    }

    /** Values of a repeatable parameter; each may also be comma-separated. */
    private static List<String> values(List<String> raw) {
        List<String> values = new ArrayList<>();
        raw.forEach(v -> List.of(v.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty())
                .forEach(values::add));
        return values;
    }

    private static Long seconds(String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw ProcessException.invalidQuery(name + " must not be negative, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProcessException.invalidQuery(name + " must be an integer number of seconds, not '" + value + "'");
        }
    }

    /** An RFC 3339 instant or interval ({@code a/b}, {@code ../b}, {@code a/..}) as [from, to]; nulls are open. */
    private static Instant[] interval(@Nullable String datetime) {
        if (datetime == null || datetime.isEmpty()) {
            return new Instant[] {null, null};
        }
        String[] parts = datetime.split("/", -1);
        if (parts.length > 2) {
            throw ProcessException.invalidQuery("datetime must be an instant or an interval a/b, not '" + datetime
                    + "'");
        }
        if (parts.length == 1) {
            Instant at = instant(parts[0], datetime);
            return new Instant[] {at, at};
        }
        Instant from = open(parts[0]) ? null : instant(parts[0], datetime);
        Instant to = open(parts[1]) ? null : instant(parts[1], datetime);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProcessException.invalidQuery("datetime interval ends before it starts: '" + datetime + "'");
        }
        return new Instant[] {from, to};
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    private static Instant instant(String text, String whole) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProcessException.invalidQuery("datetime must be RFC 3339 (e.g. 2026-01-01T00:00:00Z), not '"
                    + whole + "'");
        }
    }
}
