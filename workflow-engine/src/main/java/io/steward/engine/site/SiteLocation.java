package io.steward.engine.site;

import io.steward.tenancy.error.InvalidInputException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Cloudify's site location: {@code "latitude,longitude"} in, {@code "latitude, longitude"} out (the coordinates
 * written as Python writes a float, since Cloudify's clients compare what they sent with what they read).
 */
public record SiteLocation(Double latitude, Double longitude) {
    public static final SiteLocation NONE = new SiteLocation(null, null);
    /** What Python's {@code float()} reads (spaces around, underscores between digits aside), plus inf and nan. */
    private static final Pattern NUMBER = Pattern.compile(
            "\\s*[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))\\s*");

    /** The coordinates of {@code location}; an empty one clears them. Refused with Cloudify's messages. */
    public static SiteLocation parse(String location) {
        if (location.isEmpty()) {
            return NONE;
        }
        int comma = location.indexOf(',');
        if (comma < 0) {
            throw new InvalidInputException("Invalid location `" + location + "`, the format is expected to be"
                    + " \"latitude,longitude\" such as \"32.071072,34.787274\"");
        }
        String latitude = location.substring(0, comma);
        String longitude = location.substring(comma + 1);
        if (!NUMBER.matcher(latitude).matches() || !NUMBER.matcher(longitude).matches()) {
            throw new InvalidInputException("Invalid location `" + location + "`, the latitude and longitude are"
                    + " expected to be of type float");
        }
        double lat = number(latitude);
        double lon = number(longitude);
        // NaN fails both comparisons, so it is out of range, as in Python.
        if (!(lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0)) {
            throw new InvalidInputException("Invalid location `" + location + "`. The latitude must be a number"
                    + " between -90 and 90 and the longitude between -180 and 180");
        }
        return new SiteLocation(lat, lon);
    }

    /** {@code "lat, long"} as Cloudify renders it, or null when the site has no location. */
    public static String render(Double latitude, Double longitude) {
        if (latitude == null || longitude == null) {
            return null;
        }
        return pythonFloat(latitude) + ", " + pythonFloat(longitude);
    }

    private static double number(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.startsWith("inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** Python's {@code repr(float)}: positional from 1e-4 up to 1e16, else {@code 1e-05}; always a fraction part. */
    static String pythonFloat(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exact.signum() < 0 ? "-" : "";
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(java.util.Locale.ROOT, "%02d",
                Math.abs(exponent));
    }
}
