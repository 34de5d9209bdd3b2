package io.steward.api.ogc;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.api.ogc.wire.Link;
import io.steward.ogc.process.ProcessPackage;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;
import java.util.Map;

/** The landing page, {@code /conformance} and the OpenAPI document ({@code /api}, the {@code service-desc}). */
@Hidden // not the Cloudify API: /api/openapi.json documents that alone (the OGC API has its own document)
@Controller("${steward.ogcapi.path:/ogcapi}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class LandingController {
    private static final String P1 = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/";
    private static final String P2 = "http://www.opengis.net/spec/ogcapi-processes-2/1.0/conf/";

    /** Only classes Steward meets: no html, and cwl only where cwltool is installed (else CWL is answered 415). */
    static final List<String> CONFORMANCE = conformanceClasses();

    private static List<String> conformanceClasses() {
        List<String> classes = new java.util.ArrayList<>(List.of(P1 + "core", P1 + "ogc-process-description",
                P1 + "json", P1 + "oas30", P1 + "job-list", P1 + "callback", P1 + "dismiss",
                P2 + "deploy-replace-undeploy", P2 + "ogcapppkg", P2 + "docker"));
        if (ProcessPackage.cwlRunnable()) {
            classes.add(P2 + "cwl");
        }
        return List.copyOf(classes);
    }

    private final OgcUrls urls;
    private final boolean anonymous;

    LandingController(OgcUrls urls, @Value("${steward.ogcapi.anonymous.tenant:}") String anonymousTenant) {
        this.urls = urls;
        this.anonymous = anonymousTenant != null && !anonymousTenant.isBlank();
    }

    @Get
    Map<String, Object> landing(HttpRequest<?> request) {
        String root = urls.root(request);
        return Map.of("title", "Steward OGC API - Processes",
                "description", "Processes and jobs over Steward's workflow engine",
                "links", List.of(
                        Link.of(root, "self", "application/json", "this document"),
                        Link.of(root + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0",
                                "the API definition"),
                        Link.of(root + "/conformance", Link.OGC_REL + "conformance", "application/json",
                                "conformance classes"),
                        Link.of(root + "/processes", Link.OGC_REL + "processes", "application/json", "processes"),
                        Link.of(root + "/jobs", Link.OGC_REL + "job-list", "application/json", "jobs")));
    }

    @Get("/conformance")
    Map<String, Object> conformance() {
        return Map.of("conformsTo", CONFORMANCE);
    }

    @Get(value = "/api", produces = {"application/vnd.oai.openapi+json;version=3.0", MediaType.APPLICATION_JSON})
    Map<String, Object> api(HttpRequest<?> request) {
        return OpenApiDocument.of(urls.root(request), anonymous);
    }
}
