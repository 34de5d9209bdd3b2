package io.steward.ogc.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches inputs given by reference ({@code {"href": …}}) when a job is submitted, within limits an operator sets
 * ({@code steward.ogcapi.href.*}): http and https only; hosts on the allowed list only (none by default, so every
 * reference is refused until the operator names some; {@code *} allows any); loopback, private, link-local and
 * other non-public addresses refused unless allowed; a size limit, one deadline for the whole fetch, and a bounded
 * number of redirects, each hop checked again. The address check is made on the address the connection is made to
 * (Apache HttpClient connects to what its {@link DnsResolver} answers, and ours refuses what it may not answer), so
 * a name that resolves differently the second time cannot reach a refused address.
 *
 * <p>The content becomes the input's value: JSON media types are parsed, {@code text/*} (or no type) is a string,
 * anything else a base64 string. Every refusal is {@code InvalidParameterValue} naming the input and the limit.
 */
@Singleton
public class InputReferences {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> allowedHosts;
    private final boolean allowPrivate;
    private final long maxBytes;
    private final Duration timeout;
    private final int maxRedirects;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steward-href-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    InputReferences(@Value("${steward.ogcapi.href.allowed-hosts:}") String allowedHosts,
                    @Value("${steward.ogcapi.href.allow-private:false}") boolean allowPrivate,
                    @Value("${steward.ogcapi.href.max-bytes:10485760}") long maxBytes,
                    @Value("${steward.ogcapi.href.timeout:30s}") Duration timeout,
                    @Value("${steward.ogcapi.href.max-redirects:5}") int maxRedirects) {
        this.allowedHosts = Arrays.stream(allowedHosts.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        this.allowPrivate = allowPrivate;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** The content {@code href} points at, as input {@code inputId}'s value. */
    public Object fetch(String inputId, String href) {
        URI uri = parse(inputId, href);
        long end = System.nanoTime() + timeout.toNanos();
        for (int hop = 0; ; hop++) {
            requireAllowed(inputId, uri);
            HttpGet get = new HttpGet(uri);
            AtomicBoolean late = new AtomicBoolean();
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                late.set(true);
                get.cancel();
            }, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            Fetched fetched;
            try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
                try {
                    fetched = read(inputId, uri, response);
                } catch (RuntimeException e) {
                    // Refused part-way (too large, say): drop the connection rather than read the rest.
                    get.cancel();
                    throw e;
                }
            } catch (RefusedAddress e) {
                throw refused(inputId, uri.toString(), e.getMessage());
            } catch (IOException e) {
                if (late.get()) {
                    throw refused(inputId, href, "was not fetched within " + timeout
                            + " (steward.ogcapi.href.timeout)");
                }
                throw refused(inputId, uri.toString(), "could not be fetched: " + e.getMessage());
            } finally {
                deadline.cancel(false);
            }
            if (fetched.redirect() == null) {
                return fetched.value();
            }
            if (hop >= maxRedirects) {
                throw refused(inputId, href, "was redirected more than " + maxRedirects
                        + " times (steward.ogcapi.href.max-redirects)");
            }
            uri = fetched.redirect();
        }
    }

    /** A response read: the input's value, or where it redirects to. */
    private record Fetched(Object value, URI redirect) {
    }

    private Fetched read(String inputId, URI uri, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw refused(inputId, uri.toString(), "answered " + status + " without a Location");
            }
            try {
                return new Fetched(null, uri.resolve(new URI(location.getValue())));
            } catch (URISyntaxException e) {
                throw refused(inputId, uri.toString(), "redirects to a malformed URI: " + location.getValue());
            }
        }
        if (status < 200 || status > 299) {
            throw refused(inputId, uri.toString(), "answered HTTP " + status);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Fetched("", null);
        }
        if (entity.getContentLength() > maxBytes) {
            throw tooLarge(inputId, uri);
        }
        byte[] bytes = readAtMost(entity.getContent(), inputId, uri);
        ContentType type = entity.getContentType() == null ? null : ContentType.parseLenient(entity.getContentType());
        return new Fetched(value(inputId, uri, bytes, type), null);
    }

    private byte[] readAtMost(InputStream in, String inputId, URI uri) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > maxBytes) {
                throw tooLarge(inputId, uri);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Object value(String inputId, URI uri, byte[] bytes, ContentType type) {
        String mime = type == null ? null : type.getMimeType().toLowerCase(Locale.ROOT);
        Charset charset = type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        if (mime != null && (mime.equals("application/json") || mime.endsWith("+json"))) {
            try {
                return JSON.readValue(bytes, Object.class);
            } catch (IOException e) {
                throw refused(inputId, uri.toString(), "is served as " + mime + " but is not JSON");
            }
        }
        if (mime == null || mime.startsWith("text/")) {
            return new String(bytes, charset);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private URI parse(String inputId, String href) {
        try {
            return new URI(href);
        } catch (URISyntaxException e) {
            throw refused(inputId, href, "is not a URI");
        }
    }

    /** The scheme and host rules, checked for the first URI and every redirect. */
    private void requireAllowed(String inputId, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(inputId, uri.toString(), "is not http or https; Steward fetches only those");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw refused(inputId, uri.toString(), "has no host");
        }
        if (uri.getUserInfo() != null) {
            throw refused(inputId, uri.toString(), "carries credentials; Steward sends none");
        }
        if (!hostAllowed(host)) {
            throw refused(inputId, uri.toString(), "is on host " + host + ", which is not allowed"
                    + " (steward.ogcapi.href.allowed-hosts: " + (allowedHosts.isEmpty() ? "none" : allowedHosts)
                    + ")");
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (InetAddressUtils.isIPv4Address(literal) || InetAddressUtils.isIPv6Address(literal)) {
            try {
                String problem = refusal(InetAddress.getByName(literal));
                if (problem != null) {
                    throw refused(inputId, uri.toString(), problem);
                }
            } catch (UnknownHostException e) {
                throw refused(inputId, uri.toString(), "has a malformed address");
            }
        }
    }

    private boolean hostAllowed(String host) {
        return allowedHosts.stream().anyMatch(allowed -> allowed.equals("*") || allowed.equals(host)
                || (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))));
    }

    /** Why Steward may not connect to {@code address}, or null when it may. */
    private String refusal(InetAddress address) {
        if (allowPrivate) {
            return null;
        }
        String kind = address.isLoopbackAddress() ? "a loopback"
                : address.isAnyLocalAddress() ? "a wildcard"
                : address.isLinkLocalAddress() ? "a link-local"
                : address.isSiteLocalAddress() || uniqueLocal(address) || sharedOrReserved(address) ? "a private"
                : address.isMulticastAddress() ? "a multicast" : null;
        return kind == null ? null : "resolves to " + address.getHostAddress() + ", " + kind
                + " address, which is refused (steward.ogcapi.href.allow-private)";
    }

    /** IPv6 unique local addresses (fc00::/7), which {@link InetAddress#isSiteLocalAddress} does not cover. */
    private static boolean uniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** IPv4 shared (100.64/10), this-network (0/8) and reserved (240/4) ranges. */
    private static boolean sharedOrReserved(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4) {
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128);
    }

    /** The resolver every connection uses: it answers only addresses Steward may connect to. */
    private final class CheckingResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                String problem = refusal(address);
                if (problem != null) {
                    throw new RefusedAddress(problem);
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /** A resolved address Steward may not connect to. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private ProcessException tooLarge(String inputId, URI uri) {
        return refused(inputId, uri.toString(), "is larger than " + maxBytes + " bytes (steward.ogcapi.href.max-bytes)");
    }

    private static ProcessException refused(String inputId, String href, String why) {
        return ProcessException.invalidInput("Input '" + inputId + "' by reference: " + href + " " + why);
    }
}
