package io.steward.tenancy.store;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

/**
 * A caller's input that is stored in a character column, with that column's size: checked before the database, so a
 * value too long is a 400 that names the field instead of a database error. {@code table} and {@code column} say
 * where the size comes from; a test compares each with the migrated schema of both databases.
 */
public record FieldLength(String field, String table, String column, int max) {

    /**
     * Refuses {@code value} when it is longer than the column. Lengths count UTF-16 units, never fewer than the
     * characters either database counts, so nothing refused here would have fitted with certainty, and nothing
     * accepted can overflow.
     */
    public String require(String value) {
        return require(value, Problem.INVALID_INPUT);
    }

    /** As {@link #require(String)}, refusing as {@code problem} (an invalid blueprint, say). */
    public String require(String value, Problem problem) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(problem, "`" + field + "` is too long: " + value.length()
                    + " characters, at most " + max);
        }
        return value;
    }
}
