package io.steward.dispatch.platform.openeo;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dispatch.platform.PlatformException;
import io.steward.dispatch.platform.http.Json;
import io.steward.dispatch.platform.http.PlatformHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * openEO version discovery: {@code GET {endpoint}/.well-known/openeo} lists the API versions a backend serves; the
 * newest 1.x one marked for production (or, when none is, the newest 1.x) is used. An endpoint without the document
 * is taken to be an API root itself. A version on another host is ignored: credentials go to the configured host only.
 */
final class OpenEoVersions {
    private OpenEoVersions() {
    }

    static URI discover(URI endpoint, PlatformHttp http) throws PlatformException {
        String what = "openEO GET " + endpoint + "/.well-known/openeo";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/.well-known/openeo"))
                .header("Accept", "application/json").GET(), what);
        if (!PlatformHttp.success(response)) {
            if (response.statusCode() >= 500) {
                throw PlatformHttp.failure(response, what);
            }
            return endpoint;
        }
        JsonNode versions;
        try {
            versions = Json.read(response.body(), what).path("versions");
        } catch (PlatformException notJson) {
            return endpoint;
        }
        URI best = pick(endpoint, versions, true);
        if (best == null) {
            best = pick(endpoint, versions, false);
        }
        return best == null ? endpoint : best;
    }

    private static URI pick(URI endpoint, JsonNode versions, boolean productionOnly) {
        URI best = null;
        int[] bestVersion = null;
        for (JsonNode version : versions) {
            String api = version.path("api_version").asText("");
            if (!api.startsWith("1.") || !version.path("url").isTextual()) {
                continue;
            }
            if (productionOnly && !version.path("production").asBoolean(true)) {
                continue;
            }
            URI url;
            try {
                url = endpoint.resolve(version.path("url").asText());
            } catch (IllegalArgumentException bad) {
                continue;
            }
            if (!Objects.equals(url.getHost(), endpoint.getHost())) {
                continue;
            }
            int[] parsed = parse(api);
            if (bestVersion == null || compare(parsed, bestVersion) > 0) {
                best = url;
                bestVersion = parsed;
            }
        }
        if (best == null) {
            return null;
        }
        String text = best.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static int[] parse(String version) {
        String[] parts = version.split("[.-]");
        int[] numbers = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                numbers[i] = 0;
            }
        }
        return numbers;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
