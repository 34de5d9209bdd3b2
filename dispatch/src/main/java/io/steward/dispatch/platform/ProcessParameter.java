package io.steward.dispatch.platform;

import java.util.List;

/**
 * One parameter of a remote process as APEx's {@code Parameter}: {@code type} is one of datetime, date-interval,
 * bounding-box, polygon, boolean, integer, double, string, array-string.
 */
public record ProcessParameter(String name, String type, boolean optional, String description, Object defaultValue,
                               List<Object> options) {
}
