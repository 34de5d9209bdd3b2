package io.steward.tenancy.tenant;

import io.steward.tenancy.error.InvalidInputException;

import java.util.regex.Pattern;

/** The rule for names of tenants and ids of resources: what stays safe in URLs, headers and file names. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,255}");

    private Names() {
    }

    /** Refuses {@code value} unless it is a valid name; {@code what} names the field in the message. */
    public static String require(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(what + " is missing");
        }
        if (!VALID.matcher(value).matches()) {
            throw new InvalidInputException("The `" + what + "` argument contains illegal characters or is too long:"
                    + " `" + abbreviate(value) + "`. Use 1 to 256 of letters, digits and . _ @ - (starting with a"
                    + " letter or digit)");
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
