package io.steward.tenancy.member;

import io.steward.tenancy.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** A user's role inside one tenant, as in Cloudify. */
public enum TenantRole {
    MANAGER("manager"),
    USER("user"),
    OPERATIONS("operations"),
    VIEWER("viewer");

    private final String wire;

    TenantRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static TenantRole of(String value) {
        return Arrays.stream(values())
                .filter(r -> r.wire.equals(value == null ? null : value.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("Invalid tenant role `" + value
                        + "`. Valid roles are: [manager, user, operations, viewer]"));
    }
}
