package io.steward.tenancy.store;

import java.util.List;

/**
 * One of Cloudify's filter rules: on a label of the resource or on one of its attributes (a field of its
 * {@link TableSpec}). Checked by {@link FilterRules}, which turns rules into a condition.
 */
public record FilterRule(String key, List<String> values, Operator operator, Type type) {

    public FilterRule {
        values = List.copyOf(values);
    }

    public enum Type {
        LABEL, ATTRIBUTE
    }

    /** Cloudify's operators, by their wire names. */
    public enum Operator {
        ANY_OF, NOT_ANY_OF, IS_NOT, IS_NULL, IS_NOT_NULL, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH,
        IS_NOT_EMPTY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
