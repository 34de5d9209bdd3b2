package io.steward.dispatch.platform;

import java.util.List;

/**
 * One parameter of a remote process as APEx's {@code Parameter}: {@code type} is one of datetime, date-interval,
 * bounding-box, polygon, boolean, integer, double, string, array-string. {@code checkedAs}: the type a job's value is
 * checked against before it is sent, or null when the platform's schema has no APEx type (an array of numbers, an
 * object, a {@code oneOf}): {@code type} then says string, as the reference's {@code /params} does, but any value
 * goes, and the platform judges it.
 */
public record ProcessParameter(String name, String type, boolean optional, String description, Object defaultValue,
                               List<Object> options, String checkedAs) {

    /** A parameter whose values are checked against its {@code type}. */
    public ProcessParameter(String name, String type, boolean optional, String description, Object defaultValue,
                            List<Object> options) {
        this(name, type, optional, description, defaultValue, options, type);
    }
}
