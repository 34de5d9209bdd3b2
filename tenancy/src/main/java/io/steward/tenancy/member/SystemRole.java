package io.steward.tenancy.member;

import io.steward.tenancy.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** A user's role across the whole manager. {@code sys_admin} may act in every tenant; {@code default} grants nothing. */
public enum SystemRole {
    SYS_ADMIN("sys_admin"),
    DEFAULT("default");

    private final String wire;

    SystemRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static SystemRole of(String value) {
        return Arrays.stream(values())
                .filter(r -> r.wire.equals(value == null ? null : value.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("Invalid system role `" + value
                        + "`. Valid roles are: [sys_admin, default]"));
    }
}
