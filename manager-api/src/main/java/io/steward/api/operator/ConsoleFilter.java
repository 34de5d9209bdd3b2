package io.steward.api.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.steward.api.cloudify.CloudifyError;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Stands in front of the web console's static files ({@code micronaut.router.static-resources.console} serves them
 * from {@code classpath:console} at {@code /console/**}). The files are public; the APIs they call keep their own
 * authentication. Micronaut's resolver would answer any method with the file and a 500 to a NUL in the name, so
 * only GET and HEAD of plain file names pass (anything else is 405, or 404 like a missing file), {@code /console}
 * is sent to {@code /console/} so the page's relative module paths resolve, and every answer carries a content
 * security policy that allows only the console's own scripts and the same origin.
 */
@ServerFilter(patterns = {"/console", "/console/**"})
class ConsoleFilter {
    static final String ROOT = "/console/";
    /** Lower-case names in folders, as the console's files are named: no dot segments, encodings or controls. */
    private static final Pattern FILE = Pattern.compile("/console/(?:[a-z0-9][a-z0-9_-]*/)*(?:[a-z0-9][a-z0-9_.-]*)?");
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @RequestFilter
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return HttpResponse.status(CloudifyError.METHOD_NOT_ALLOWED.status())
                    .header("Allow", "GET, HEAD")
                    .body(CloudifyError.METHOD_NOT_ALLOWED.body("Method [" + method.name() + "] not allowed: the"
                            + " console's files are read with GET or HEAD"));
        }
        String path = request.getPath();
        if (path.equals("/console")) {
            return HttpResponse.redirect(URI.create(ROOT));
        }
        if (!FILE.matcher(path).matches() || path.contains("..")) {
            return HttpResponse.status(CloudifyError.NOT_FOUND.status())
                    .body(CloudifyError.NOT_FOUND.body("Page Not Found"));
        }
        return null;
    }

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        // Revalidated on every load (the server answers 304 while unchanged), so an upgrade never mixes versions.
        response.header("Cache-Control", "no-cache");
    }
}
