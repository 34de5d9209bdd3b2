package io.steward.dispatch.platform.http;

import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.PlatformException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The outbound HTTP of dispatch: one {@link HttpClient} with a connect timeout, a timeout on every request, and the
 * failures of the network turned into {@link PlatformException}s whose messages name the call, never its credentials.
 */
public final class PlatformHttp {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_EXCERPT = 200;

    private final HttpClient client;
    private final Duration requestTimeout;

    public PlatformHttp(HttpClient client, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * A client that never follows redirects: Java's client would resend the {@code Authorization} header to wherever
     * a redirect points. Callers that send no credentials may follow them themselves.
     */
    public static PlatformHttp withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PlatformHttp(client, requestTimeout);
    }

    public static PlatformHttp withDefaults() {
        return withTimeouts(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends the request with this client's request timeout; any answer comes back, whatever its status. {@code what}
     * names the call in messages, e.g. "openEO POST https://backend/jobs".
     */
    public HttpResponse<String> send(HttpRequest.Builder request, String what) throws PlatformException {
        return send(request, HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8), what);
    }

    /** As {@link #send(HttpRequest.Builder, String)}, with the body read by {@code body}. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what)
            throws PlatformException {
        try {
            return client.send(request.timeout(requestTimeout).build(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, what + ": no connection within "
                    + seconds(client.connectTimeout().orElse(requestTimeout)), e);
        } catch (HttpTimeoutException e) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, what + ": no answer within " + seconds(requestTimeout), e);
        } catch (ConnectException e) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, what + ": unreachable (connection refused)", e);
        } catch (IOException e) {
            throw new PlatformException(Kind.UNAVAILABLE, 0, what + ": unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNAVAILABLE, 0, what + ": interrupted", e);
        }
    }

    /**
     * The exception for an answer that is not a success: 401/403 refuse the credentials, 408/429/5xx may pass,
     * another 4xx refuses the request itself.
     */
    public static PlatformException failure(HttpResponse<String> response, String what) {
        return failure(response.statusCode(), response.body(), what);
    }

    /** As {@link #failure(HttpResponse, String)}, from the status and the body read as text. */
    public static PlatformException failure(int status, String responseBody, String what) {
        Kind kind;
        if (status == 401 || status == 403) {
            kind = Kind.UNAUTHORIZED;
        } else if (status == 408 || status == 429 || status >= 500) {
            kind = Kind.UNAVAILABLE;
        } else if (status >= 400) {
            kind = Kind.REFUSED;
        } else {
            kind = Kind.UNREADABLE;
        }
        String body = excerpt(responseBody);
        return new PlatformException(kind, status, what + " answered " + status + (body.isEmpty() ? "" : ": " + body));
    }

    public static boolean success(HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    /** The start of a body on one line, for messages. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= BODY_EXCERPT ? line : line.substring(0, BODY_EXCERPT) + "…";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
