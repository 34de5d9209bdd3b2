package io.steward.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;

/**
 * The path of a request target as the client sent it, undecoded: a target with a malformed escape ({@code %zz})
 * has no decoded path, yet its errors must still be rendered in the format of the API it was sent to.
 */
public final class RawTargets {
    private RawTargets() {
    }

    /** The raw path of {@code request}, or null when it has none. */
    public static String path(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return pathOf(netty.getNativeRequest().uri());
        }
        return null;
    }

    /** The path of a raw request target: without query or fragment, and without scheme and authority if absolute. */
    public static String pathOf(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme >= 0 && scheme < path.indexOf('/') + 1) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }
}
