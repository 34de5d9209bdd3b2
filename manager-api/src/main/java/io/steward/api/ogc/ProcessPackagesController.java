package io.steward.api.ogc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.ogc.wire.ProcessWire;
import io.steward.engine.document.DocumentLimits;
import io.steward.ogc.process.ProcessDefinition;
import io.steward.ogc.process.ProcessPackage;
import io.steward.ogc.process.ProcessRegistry;
import io.swagger.v3.oas.annotations.Hidden;

/** Part 2 (Deploy, Replace, Undeploy): {@code POST /processes}, {@code PUT}/{@code DELETE /processes/{id}}, package. */
@Hidden // not the Cloudify API: /api/openapi.json documents that alone (the OGC API has its own document)
@Controller("${steward.ogcapi.path:/ogcapi}/processes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class ProcessPackagesController {
    private final ProcessRegistry processes;
    private final OgcUrls urls;
    private final OgcBodies bodies;
    private final DocumentLimits limits;

    ProcessPackagesController(ProcessRegistry processes, OgcUrls urls, OgcBodies bodies, DocumentLimits limits) {
        this.processes = processes;
        this.urls = urls;
        this.bodies = bodies;
        this.limits = limits;
    }

    /** Deploys: 201, {@code Location} of the new process, its summary. */
    @Post
    @Consumes(MediaType.ALL)
    MutableHttpResponse<?> deploy(HttpRequest<?> request, @Nullable @Body String body) {
        ProcessDefinition process = processes.deploy(read(request, body));
        String root = urls.root(request);
        return HttpResponse.created(ProcessWire.summary(process, root))
                .header("Location", root + "/processes/" + process.id());
    }

    /** Replaces: 204. */
    @Put("/{processId}")
    @Consumes(MediaType.ALL)
    MutableHttpResponse<?> replace(HttpRequest<?> request, @PathVariable String processId,
                                   @Nullable @Body String body) {
        processes.replace(processId, read(request, body));
        return HttpResponse.noContent();
    }

    /** Undeploys: 204. */
    @Delete("/{processId}")
    MutableHttpResponse<?> undeploy(@PathVariable String processId) {
        processes.undeploy(processId);
        return HttpResponse.noContent();
    }

    /** The package as it was deployed or last replaced. */
    @Get("/{processId}/package")
    MutableHttpResponse<?> packageOf(@PathVariable String processId) {
        ProcessRegistry.ProcessPackageBody pkg = processes.packageOf(processId);
        return pkg.text() != null
                ? HttpResponse.ok(pkg.text()).contentType(pkg.mediaType())
                : HttpResponse.ok(pkg.json()).contentType(pkg.mediaType());
    }

    private ProcessPackage read(HttpRequest<?> request, String body) {
        String mediaType = request.getContentType().map(MediaType::getName).orElse(null);
        if (mediaType == null || (!mediaType.equalsIgnoreCase(ProcessPackage.OGCAPPKG)
                && !mediaType.equalsIgnoreCase(MediaType.APPLICATION_JSON))) {
            return ProcessPackage.of(mediaType, body, null, limits);
        }
        return ProcessPackage.of(mediaType, body, bodies.parse(body), limits);
    }
}
