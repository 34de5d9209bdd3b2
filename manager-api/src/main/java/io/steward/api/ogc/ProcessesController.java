package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.ogc.wire.Link;
import io.steward.api.ogc.wire.ProcessWire;
import io.steward.api.ogc.wire.Results;
import io.steward.api.ogc.wire.StatusInfo;
import io.steward.ogc.process.ExecuteRequest;
import io.steward.ogc.process.Job;
import io.steward.ogc.process.JobStatus;
import io.steward.ogc.process.Jobs;
import io.steward.ogc.process.ProcessDefinition;
import io.steward.ogc.process.ProcessException;
import io.steward.ogc.process.ProcessRegistry;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /processes}: list, describe, execute (18-062r2 §7.9–7.11). */
@Hidden // not the Cloudify API: /api/openapi.json documents that alone (the OGC API has its own document)
@Controller("${steward.ogcapi.path:/ogcapi}/processes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class ProcessesController {
    private final ProcessRegistry processes;
    private final Jobs jobs;
    private final OgcUrls urls;
    private final OgcBodies bodies;
    private final OgcError errors;
    private final Duration syncTimeout;
    private final boolean asyncByDefault;

    ProcessesController(ProcessRegistry processes, Jobs jobs, OgcUrls urls, OgcBodies bodies, OgcError errors,
                        @Value("${steward.ogcapi.sync-timeout:10m}") Duration syncTimeout,
                        @Value("${steward.ogcapi.default-mode:sync}") String defaultMode) {
        this.processes = processes;
        this.jobs = jobs;
        this.urls = urls;
        this.bodies = bodies;
        this.errors = errors;
        this.syncTimeout = syncTimeout;
        this.asyncByDefault = switch (defaultMode.trim().toLowerCase(Locale.ROOT)) {
            case "sync" -> false;
            case "async" -> true;
            default -> throw new IllegalArgumentException("steward.ogcapi.default-mode must be sync or async, not '"
                    + defaultMode + "'");
        };
    }

    @Get
    Map<String, Object> list(HttpRequest<?> request, @Nullable @QueryValue String limit,
                             @Nullable @QueryValue String offset) {
        String root = urls.root(request);
        Paging paging = Paging.of(limit, offset);
        List<ProcessDefinition> all = processes.list();
        List<Map<String, Object>> page = new ArrayList<>();
        all.stream().skip(paging.offset()).limit(paging.limit())
                .forEach(p -> page.add(ProcessWire.summary(p, root)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processes", page);
        body.put("numberMatched", all.size());
        body.put("numberReturned", page.size());
        body.put("links", paging.links(root + "/processes", all.size(), Map.of()));
        return body;
    }

    @Get("/{processId}")
    Map<String, Object> describe(HttpRequest<?> request, @PathVariable String processId) {
        return ProcessWire.description(processes.get(processId), urls.root(request));
    }

    /**
     * Execute, following 18-062r2 §7.11.2: asynchronous when the process offers only that, or when the client sent
     * {@code Prefer: respond-async} and the process offers it (201, {@code Location}, {@code Preference-Applied});
     * otherwise synchronous (the results as the request asked). Without a {@code Prefer} header the mode is
     * {@code steward.ogcapi.default-mode} (sync, the spec's default). A synchronous job that has not ended within
     * {@code steward.ogcapi.sync-timeout} is answered as an asynchronous one (201 and its statusInfo): it runs on.
     * A synchronous answer links its job ({@code rel="monitor"}), failed or not.
     */
    @Post("/{processId}/execution")
    @Consumes(MediaType.ALL)
    MutableHttpResponse<?> execute(HttpRequest<?> request, @PathVariable String processId,
                                   @Nullable @Header("Prefer") String prefer, @Nullable @Body String body) {
        requireJson(request);
        ProcessDefinition process = processes.get(processId);
        ExecuteRequest execute = ExecuteRequest.of(bodies.parse(body));
        String root = urls.root(request);
        boolean preferAsync = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
        boolean wantAsync = preferAsync || (prefer == null && asyncByDefault);
        boolean async = process.asyncOnly() || (wantAsync && !process.syncOnly());
        Job job = jobs.submit(processId, execute, root);
        if (!async) {
            Job done = jobs.awaitFinal(job.id(), syncTimeout);
            if (done.status().isFinal()) {
                MutableHttpResponse<?> response = done.status() == JobStatus.SUCCESSFUL
                        ? Results.render(done, process, jobs.results(done.id()), root, bodies.mapper())
                        : errors.render(request, failed(done));
                return response.header("Link", "<" + root + "/jobs/" + job.id() + ">; rel=\"monitor\"");
            }
            job = done;
        }
        MutableHttpResponse<?> accepted = HttpResponse.created(StatusInfo.of(job, root))
                .header("Location", root + "/jobs/" + job.id())
                .header("Access-Control-Expose-Headers", "Location, Preference-Applied");
        if (preferAsync && async) {
            accepted.header("Preference-Applied", "respond-async");
        }
        return accepted;
    }

    private static ProcessException failed(Job job) {
        return new ProcessException(ProcessException.Reason.JOB_FAILED, "Job '" + job.id() + "' "
                + job.status().wire() + ": " + job.message());
    }

    static void requireJson(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type != null && !type.getName().equals(MediaType.APPLICATION_JSON)) {
            throw new ProcessException(ProcessException.Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type "
                    + type.getName() + " is not supported here; send application/json");
        }
    }

    static Map<String, Object> link(String href, String rel, String title) {
        return Link.of(href, rel, "application/json", title);
    }
}
