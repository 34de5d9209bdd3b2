package io.steward.engine.execution;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many executions each tenant may have running at once, beside the global cap: a default for every tenant
 * ({@code steward.engine.tenant-max-running-executions}) and per-tenant settings that replace it
 * ({@code steward.engine.tenant-max-running-overrides}, {@code "team-a=5,team-b=50"}). 0 means no tenant cap. Every
 * server of a cluster must be given the same settings: each admits by its own.
 */
@Singleton
public class TenantCaps {
    private final int defaultCap;
    private final Map<String, Integer> overrides;

    TenantCaps(@Value("${steward.engine.tenant-max-running-executions:0}") int defaultCap,
               @Value("${steward.engine.tenant-max-running-overrides:}") String overrides) {
        if (defaultCap < 0) {
            throw new IllegalArgumentException("steward.engine.tenant-max-running-executions must be 0 (no cap) or"
                    + " more, got " + defaultCap);
        }
        this.defaultCap = defaultCap;
        this.overrides = parse(overrides);
    }

    /** The cap of {@code tenant}; 0 when it has none. */
    public int of(String tenant) {
        return overrides.getOrDefault(tenant, defaultCap);
    }

    /** Whether some tenant has a cap: when none has, admission counts nothing per tenant. */
    public boolean any() {
        return defaultCap > 0 || overrides.values().stream().anyMatch(cap -> cap > 0);
    }

    private static Map<String, Integer> parse(String text) {
        Map<String, Integer> caps = new HashMap<>();
        if (text == null || text.isBlank()) {
            return caps;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("steward.engine.tenant-max-running-overrides takes tenant=cap"
                        + " pairs separated by commas, got `" + entry.strip() + "`");
            }
            int cap;
            try {
                cap = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                cap = -1;
            }
            if (cap < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "steward.engine.tenant-max-running-overrides: the cap of tenant `%s` must be 0 (no cap) or"
                                + " more, got `%s`", parts[0].strip(), parts[1].strip()));
            }
            caps.put(parts[0].strip(), cap);
        }
        return Map.copyOf(caps);
    }
}
