package io.steward.tenancy.scope;

import io.steward.tenancy.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Cloudify's resource visibility: who besides the creator sees a record. */
public enum Visibility {
    PRIVATE,
    TENANT,
    GLOBAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility of(String value) {
        if (value == null) {
            return TENANT;
        }
        return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Invalid visibility: `" + value
                        + "`. Valid visibility's values are: [private, tenant, global]"));
    }
}
