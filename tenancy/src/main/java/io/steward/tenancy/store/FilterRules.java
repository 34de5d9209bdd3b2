package io.steward.tenancy.store;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Cloudify's filter rules as one SQL condition on a listed table (rules AND-ed). Label rules look the resource's
 * labels up in {@code labels}, a table of (resource id, key, value) rows of the same tenant: a correlated subquery on
 * the outer row's tenant and id, so it never reaches another tenant's labels. Attribute rules apply to the fields
 * {@code attributes} allows, through the table's {@link TableSpec}.
 */
public final class FilterRules {
    private static final Set<FilterRule.Operator> LABEL_OPERATORS = EnumSet.of(FilterRule.Operator.ANY_OF,
            FilterRule.Operator.NOT_ANY_OF, FilterRule.Operator.IS_NOT, FilterRule.Operator.IS_NULL,
            FilterRule.Operator.IS_NOT_NULL);
    private static final Set<FilterRule.Operator> ATTRIBUTE_OPERATORS = EnumSet.of(FilterRule.Operator.ANY_OF,
            FilterRule.Operator.NOT_ANY_OF, FilterRule.Operator.CONTAINS, FilterRule.Operator.NOT_CONTAINS,
            FilterRule.Operator.STARTS_WITH, FilterRule.Operator.ENDS_WITH);

    /** The labels table of a resource: its name and the column naming the labelled row. */
    public record LabelTable(String table, String resourceColumn) {
    }

    /** A condition and its positional parameters. */
    public record Condition(String sql, List<Object> params) {
    }

    private FilterRules() {
    }

    /** Refuses a rule Cloudify would refuse, as {@link Problem#INVALID_FILTER_RULE} naming the rule and reason. */
    public static void check(FilterRule rule, Set<String> attributes) {
        Set<FilterRule.Operator> allowed = rule.type() == FilterRule.Type.LABEL ? LABEL_OPERATORS
                : ATTRIBUTE_OPERATORS;
        if (!allowed.contains(rule.operator())) {
            throw invalid(rule, "operator " + rule.operator().wire() + " is not allowed for " + rule.type().name()
                    .toLowerCase(Locale.ROOT) + " rules");
        }
        boolean noValues = rule.operator() == FilterRule.Operator.IS_NULL
                || rule.operator() == FilterRule.Operator.IS_NOT_NULL;
        if (noValues != rule.values().isEmpty()) {
            throw invalid(rule, noValues ? "operator " + rule.operator().wire() + " takes no values"
                    : "the rule needs at least one value");
        }
        if (rule.type() == FilterRule.Type.ATTRIBUTE && !attributes.contains(rule.key())) {
            throw invalid(rule, "the attribute must be one of " + new java.util.TreeSet<>(attributes));
        }
    }

    /** The rules as one condition (already {@link #check}ed); {@code 1 = 1} without rules. */
    public static Condition condition(TableSpec spec, LabelTable labels, List<FilterRule> rules) {
        StringJoiner all = new StringJoiner(" AND ");
        List<Object> params = new ArrayList<>();
        all.add("1 = 1");
        for (FilterRule rule : rules) {
            all.add(rule.type() == FilterRule.Type.LABEL ? label(spec, labels, rule, params)
                    : attribute(spec, rule, params));
        }
        return new Condition(all.toString(), params);
    }

    private static String label(TableSpec spec, LabelTable labels, FilterRule rule, List<Object> params) {
        String outer = spec.table() + ".";
        String has = "EXISTS (SELECT 1 FROM " + labels.table() + " l WHERE l.tenant_name = " + outer + "tenant_name"
                + " AND l." + labels.resourceColumn() + " = " + outer + spec.idColumn() + " AND l.label_key = ?";
        params.add(rule.key().toLowerCase(Locale.ROOT));
        return switch (rule.operator()) {
            case IS_NOT_NULL -> has + ")";
            case IS_NULL -> "NOT " + has + ")";
            case ANY_OF -> has + " AND l.label_value IN (" + marks(rule.values(), params) + "))";
            case NOT_ANY_OF -> has + " AND l.label_value NOT IN (" + marks(rule.values(), params) + "))";
            case IS_NOT -> "NOT " + has + " AND l.label_value IN (" + marks(rule.values(), params) + "))";
            default -> throw new IllegalStateException("unchecked rule " + rule);
        };
    }

    private static String attribute(TableSpec spec, FilterRule rule, List<Object> params) {
        String column = spec.column(rule.key(), "Filter").sql();
        return switch (rule.operator()) {
            case ANY_OF -> column + " IN (" + marks(rule.values(), params) + ")";
            case NOT_ANY_OF -> column + " NOT IN (" + marks(rule.values(), params) + ")";
            case CONTAINS -> likes(column, " LIKE ", " OR ", rule.values(), "%", "%", params);
            case NOT_CONTAINS -> likes(column, " NOT LIKE ", " AND ", rule.values(), "%", "%", params);
            // ILIKE, not LOWER(..): H2's LOWER follows the JVM's locale.
            case STARTS_WITH -> likes(column, " ILIKE ", " OR ", rule.values(), "", "%", params);
            case ENDS_WITH -> likes(column, " ILIKE ", " OR ", rule.values(), "%", "", params);
            default -> throw new IllegalStateException("unchecked rule " + rule);
        };
    }

    private static String likes(String column, String like, String joiner, List<String> values, String before,
                                String after, List<Object> params) {
        StringJoiner any = new StringJoiner(joiner, "(", ")");
        for (String value : values) {
            any.add(column + like + "? ESCAPE '\\'");
            params.add(before + escaped(value) + after);
        }
        return any.toString();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '\\' || ch == '%' || ch == '_') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String marks(List<String> values, List<Object> params) {
        StringJoiner marks = new StringJoiner(", ");
        values.forEach(v -> {
            marks.add("?");
            params.add(v);
        });
        return marks.toString();
    }

    private static InvalidInputException invalid(FilterRule rule, String reason) {
        return new InvalidInputException(Problem.INVALID_FILTER_RULE, "Invalid filter rule " + rule.key() + " "
                + rule.operator().wire() + " " + rule.values() + ": " + reason);
    }
}
