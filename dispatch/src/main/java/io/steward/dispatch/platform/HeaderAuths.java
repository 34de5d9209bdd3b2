package io.steward.dispatch.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The platform auth types that need no token service: {@code none}, {@code forward} (the caller's own bearer token),
 * {@code bearer} (a fixed token) and {@code basic}. A stand-in until the auth package's factory, which also does
 * client credentials and token exchange, is merged; it refuses those at start, naming them.
 */
final class HeaderAuths {
    private HeaderAuths() {
    }

    static PlatformAuth of(String endpoint, Map<String, Object> auth) {
        Object type = auth == null ? "none" : auth.getOrDefault("type", "none");
        switch (String.valueOf(type)) {
            case "none":
                return caller -> Optional.empty();
            case "forward":
                return caller -> Optional.ofNullable(caller.value()).map(token -> "Bearer " + token);
            case "bearer": {
                String token = required(endpoint, auth, "token");
                return caller -> Optional.of("Bearer " + token);
            }
            case "basic": {
                String pair = required(endpoint, auth, "username") + ":" + required(endpoint, auth, "password");
                String header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                return caller -> Optional.of(header);
            }
            default:
                throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: platform " + endpoint + " has auth type '"
                        + type + "'; this build knows none, forward, bearer and basic");
        }
    }

    private static String required(String endpoint, Map<String, Object> auth, String key) {
        if (!(auth.get(key) instanceof String value) || value.isEmpty()) {
            throw new IllegalArgumentException("STEWARD_APEX_PLATFORMS: platform " + endpoint + " needs auth."
                    + key);
        }
        return value;
    }
}
