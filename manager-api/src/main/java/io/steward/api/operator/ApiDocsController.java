package io.steward.api.operator;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.tenancy.error.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/**
 * {@code GET /api/openapi.json}, the Cloudify API's OpenAPI document, and Swagger UI at {@code /api/docs/}, both from
 * the jar (Swagger UI from its webjar: no CDN). Open to anyone, as {@code /api/version} is: the document describes
 * the API, never a tenant's data, and outside {@code /api/v3*} neither authentication nor maintenance mode applies.
 */
@Hidden // serves the document rather than being part of it
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiDocsController {
    private final CloudifyOpenApi document;
    private final SwaggerUiAssets assets;

    ApiDocsController(CloudifyOpenApi document, SwaggerUiAssets assets) {
        this.document = document;
        this.assets = assets;
    }

    @Get(uri = "/api/openapi.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * Micronaut routes {@code /api/docs} and {@code /api/docs/} alike; the page names its files relative to the
     * folder, so it is served only at the URL that ends in a slash, and the other redirects there.
     */
    @Get(uri = "/api/docs/", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page(HttpRequest<?> request) {
        if (!request.getPath().endsWith("/")) {
            return HttpResponse.<byte[]>redirect(URI.create("/api/docs/"));
        }
        return asset(SwaggerUiAssets.PAGE);
    }

    @Get(uri = "/api/docs/{file}")
    HttpResponse<byte[]> file(String file) {
        return asset(file);
    }

    private HttpResponse<byte[]> asset(String file) {
        SwaggerUiAssets.Asset asset = assets.find(file)
                .orElseThrow(() -> new NotFoundException("file", file));
        return HttpResponse.ok(asset.bytes()).contentType(asset.contentType())
                .header("Cache-Control", "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff");
    }
}
