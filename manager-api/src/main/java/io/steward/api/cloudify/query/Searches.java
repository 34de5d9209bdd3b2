package io.steward.api.cloudify.query;

/**
 * Which fields a list's {@code _search} and {@code _search_name} look in, as Cloudify defines them per resource:
 * {@code _search} on the id (or {@code username}, {@code name}), {@code _search_name} on a deployment's
 * {@code display_name}. A null field means Cloudify ignores that parameter on this list, and so does Steward.
 */
public record Searches(String searchField, String nameField) {
    /** Lists where Cloudify ignores both (executions, events, node instances, tokens). */
    public static final Searches NONE = new Searches(null, null);

    public static Searches on(String field) {
        return new Searches(field, null);
    }

    /** The same, with {@code _search_name} on {@code field}; the two searches are OR-ed. */
    public Searches orName(String field) {
        return new Searches(searchField, field);
    }
}
