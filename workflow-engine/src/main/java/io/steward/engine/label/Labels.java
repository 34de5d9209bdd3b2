package io.steward.engine.label;

import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Labels of deployments and blueprints: checked against Cloudify's rules, replaced as a whole list (what the client
 * sends), listed per resource and as the distinct keys and values of a kind. Writes are made for services that
 * checked the caller may change the resource; reads need the kind's list permission.
 */
@Singleton
public class Labels {
    private final LabelStore store;
    private final Clock clock;

    Labels(LabelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The labels as they would be stored: each checked, keys lower-cased, repeats dropped, order kept. */
    public List<Label.Wanted> checked(LabelledKind kind, List<Label.Wanted> wanted) {
        Set<Label.Wanted> unique = new LinkedHashSet<>();
        for (Label.Wanted label : wanted) {
            unique.add(LabelRules.checked(kind, label.key(), label.value()));
        }
        return List.copyOf(unique);
    }

    /** Resource id to its labels (by key, then value); a resource without labels is absent. */
    public Map<String, List<Label>> of(LabelledKind kind, Collection<String> resourceIds) {
        requireList(kind);
        Map<String, List<Label>> found = store.labelsOf(kind, resourceIds);
        found.values().forEach(list -> list.sort(Comparator.comparing(Label::key).thenComparing(Label::value)));
        return found;
    }

    /** Label value to the resources (the caller sees) labelled {@code key} with it, for the given values. */
    public Map<String, List<String>> labelledWith(LabelledKind kind, String key, Collection<String> values) {
        requireList(kind);
        return store.labelledWith(kind, key, values);
    }

    public List<Label> of(LabelledKind kind, String resourceId) {
        return of(kind, List.of(resourceId)).getOrDefault(resourceId, List.of());
    }

    /**
     * Makes {@code wanted} (already {@link #checked}) the resource's labels: labels kept keep who added them and
     * when, new ones are added by the caller now, the rest are removed. Joins the caller's transaction.
     */
    public void replace(LabelledKind kind, String resourceId, List<Label.Wanted> wanted, String visibility) {
        List<Label.Wanted> current = store.labelsOf(kind, List.of(resourceId)).getOrDefault(resourceId, List.of())
                .stream().map(l -> new Label.Wanted(l.key(), l.value())).toList();
        Instant now = clock.instant();
        for (Label.Wanted label : current) {
            if (!wanted.contains(label)) {
                store.delete(kind, resourceId, label);
            }
        }
        for (Label.Wanted label : wanted) {
            if (!current.contains(label)) {
                store.insert(kind, resourceId, label, visibility, now);
            }
        }
    }

    /** Removes every label of a resource being deleted. */
    public void deleteAll(LabelledKind kind, String resourceId) {
        store.deleteAll(kind, resourceId);
    }

    /** The labels follow a resource whose visibility changed. */
    public void setVisibility(LabelledKind kind, String resourceId, String visibility) {
        store.setVisibility(kind, resourceId, visibility);
    }

    /** The distinct keys of the kind's visible labels, sorted; {@code search} keeps those containing it (any case). */
    public List<String> keys(LabelledKind kind, String search) {
        requireList(kind);
        return distinct(store.pairs(kind, "1 = 1", List.of()).stream().map(Label.Wanted::key).toList(), search);
    }

    /** The distinct values of {@code key} among the kind's visible labels, sorted, searched as {@link #keys}. */
    public List<String> values(LabelledKind kind, String key, String search) {
        requireList(kind);
        String lowered = key.toLowerCase(Locale.ROOT);
        return distinct(store.pairs(kind, "label_key = ?", List.of(lowered)).stream().map(Label.Wanted::value)
                .toList(), search);
    }

    private static List<String> distinct(List<String> all, String search) {
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        List<String> result = new ArrayList<>(new java.util.TreeSet<>(all));
        if (needle != null && !needle.isEmpty()) {
            result.removeIf(s -> !s.toLowerCase(Locale.ROOT).contains(needle));
        }
        return result;
    }

    private static void requireList(LabelledKind kind) {
        CallerScope.current().require(kind == LabelledKind.DEPLOYMENT ? Permission.DEPLOYMENT_LIST
                : Permission.BLUEPRINT_LIST);
    }
}
