package io.steward.api.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates APEx dispatch requests ({@code steward.apex.path}, {@code /apex}): the APEx client sends only
 * {@code Authorization: Bearer} (an API token or an OIDC access token; basic auth and {@code Authentication-Token}
 * work too), so the tenant is chosen from the user's memberships unless a {@code Tenant} header names one. Refusals
 * take the reference server's shapes: no credentials, FastAPI's 401 {@code {"detail":"Not authenticated"}}; a
 * refused credential, a 401 {@code ErrorResponse} with {@code AUTHENTICATION_FAILED}; a refused tenant, a 403
 * {@code ErrorResponse} with {@code FORBIDDEN}. The WebSockets under {@code ws/} carry their token in the
 * {@code token} query parameter and are let through here: their handler checks it and closes the socket with 1008
 * when it is missing or refused, as the reference accepts the socket first and checks the token on first use. {@code health} is answered to anyone.
 */
@ServerFilter(patterns = "${steward.apex.path:/apex}/**")
class ApexAuthenticationFilter {
    static final String CORRELATION_HEADER = "X-Correlation-ID";
    /** What FastAPI answers to anyone: the health check and its generated API documents. */
    private static final Set<String> UNAUTHENTICATED = Set.of("/health", "/openapi.json", "/docs", "/redoc");

    private final Credentials credentials;
    private final VerifiedCallers verifiedCallers;
    private final String path;

    ApexAuthenticationFilter(Credentials credentials, VerifiedCallers verifiedCallers,
                             @Value("${steward.apex.path:/apex}") String path) {
        this.credentials = credentials;
        this.verifiedCallers = verifiedCallers;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        String requested = request.getPath();
        if (!requested.equals(path) && !requested.startsWith(path + "/")
                || UNAUTHENTICATED.contains(requested.substring(path.length()))) {
            return null;
        }
        if (requested.startsWith(path + "/ws/")) {
            return null; // the socket is accepted first; its handler checks the token and closes it with 1008
        }
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        String token = request.getHeaders().get(Credentials.TOKEN_HEADER);
        if (authorization == null && token == null) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(Map.of("detail", "Not authenticated"));
        }
        try {
            context.add(new CallerBinding(verifiedCallers.callerChoosingTenant(authorization, token,
                    request.getHeaders().get(Credentials.TENANT_HEADER), credentials)));
            return null;
        } catch (StewardException e) {
            boolean unauthenticated = e.problem() == Problem.UNAUTHENTICATED;
            return errorResponse(request, unauthenticated ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
                    unauthenticated ? "AUTHENTICATION_FAILED" : "FORBIDDEN", e.getMessage());
        }
    }

    /** The APEx {@code ErrorResponse}, its {@code request_id} the caller's {@code X-Correlation-ID} or the one made up. */
    private static HttpResponse<?> errorResponse(HttpRequest<?> request, HttpStatus status, String code,
                                                 String message) {
        // The id the correlation filter gave the request: the header it echoes and this body's must be one.
        String requestId = io.steward.api.apex.ApexError.requestId(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error_code", code);
        body.put("message", message);
        body.put("request_id", requestId);
        var response = HttpResponse.status(status).header(CORRELATION_HEADER, requestId)
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
        return status == HttpStatus.UNAUTHORIZED ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer") : response;
    }
}
