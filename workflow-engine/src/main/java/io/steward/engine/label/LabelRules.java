package io.steward.engine.label;

import io.steward.tenancy.error.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cloudify's rules for a label: the key url-safe (letters, digits, {@code - . _ ~}) and lower-cased, the value free
 * of control characters and {@code "}, both at most 256 characters; keys starting {@code csys-} are reserved for
 * the few Cloudify itself interprets, and the location's latitude and longitude must be numbers in range.
 */
public final class LabelRules {
    public static final String RESERVED_PREFIX = "csys-";
    /** The reserved keys a caller may set (Cloudify's list), in its order. */
    public static final List<String> ALLOWED_RESERVED = List.of("csys-obj-name", "csys-obj-type", "csys-env-type",
            "csys-obj-parent", "csys-environment", "csys-location-name", "csys-location-lat", "csys-location-long",
            "csys-consumer-id", "csys-wrcp-services", "csys-wrcp-group-id");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    private LabelRules() {
    }

    /** The label as stored (key lower-cased), or a 400 saying which rule it breaks. */
    static Label.Wanted checked(LabelledKind kind, String key, String value) {
        if (key == null || key.isEmpty() || !URL_SAFE.matcher(key).matches()) {
            throw new InvalidInputException("The label key `" + key + "` is not valid: it must be url-safe"
                    + " (letters, digits, '-', '.', '_' and '~') and not empty");
        }
        kind.keyLength.require(key);
        String lowered = key.toLowerCase(Locale.ROOT);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("The value of label `" + key + "` must not be empty");
        }
        kind.valueLength.require(value);
        if (value.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == '"')) {
            throw new InvalidInputException("The value of label `" + key + "` must not contain control characters"
                    + " or '\"'");
        }
        if (lowered.startsWith(RESERVED_PREFIX) && !ALLOWED_RESERVED.contains(lowered)) {
            throw new InvalidInputException("Label keys starting with `" + RESERVED_PREFIX + "` are reserved for"
                    + " Cloudify; the only ones allowed are " + ALLOWED_RESERVED + ", got `" + key + "`");
        }
        if (lowered.equals("csys-location-lat")) {
            requireRange(key, value, 90);
        } else if (lowered.equals("csys-location-long")) {
            requireRange(key, value, 180);
        }
        return new Label.Wanted(lowered, value);
    }

    private static void requireRange(String key, String value, double bound) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            number = Double.NaN;
        }
        if (!(number >= -bound && number <= bound)) {
            throw new InvalidInputException("The value of label `" + key + "` must be a number between -" + (int) bound
                    + " and " + (int) bound + ", got `" + value + "`");
        }
    }
}
