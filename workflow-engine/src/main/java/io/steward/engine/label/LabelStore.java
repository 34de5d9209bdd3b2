package io.steward.engine.label;

import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Label rows, always through {@link TenantTables}: each carries its resource's visibility, so it is seen alike. */
@Singleton
class LabelStore {
    private final TenantTables tables;

    LabelStore(TenantTables tables) {
        this.tables = tables;
    }

    /** Resource id to its labels, for the given resources. */
    Map<String, List<Label>> labelsOf(LabelledKind kind, Collection<String> resourceIds) {
        Map<String, List<Label>> byResource = new LinkedHashMap<>();
        if (resourceIds.isEmpty()) {
            return byResource;
        }
        StringJoiner marks = new StringJoiner(", ", kind.resourceColumn + " IN (", ")");
        resourceIds.forEach(id -> marks.add("?"));
        tables.find(kind.table, marks.toString(), List.copyOf(resourceIds), rs -> {
            byResource.computeIfAbsent(rs.getString(kind.resourceColumn), k -> new java.util.ArrayList<>())
                    .add(new Label(rs.getString("label_key"), rs.getString("label_value"),
                            Sql.instant(rs, "created_at"), rs.getString("created_by")));
            return null;
        });
        return byResource;
    }

    /** Label value to the visible resources labelled {@code key} with it, for the given values. */
    Map<String, List<String>> labelledWith(LabelledKind kind, String key, Collection<String> values) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return byValue;
        }
        StringJoiner marks = new StringJoiner(", ", "label_key = ? AND label_value IN (", ")");
        values.forEach(v -> marks.add("?"));
        List<Object> params = new java.util.ArrayList<>();
        params.add(key);
        params.addAll(values);
        tables.find(kind.table, marks.toString(), params, rs -> {
            byValue.computeIfAbsent(rs.getString("label_value"), k -> new java.util.ArrayList<>())
                    .add(rs.getString(kind.resourceColumn));
            return null;
        });
        return byValue;
    }

    void insert(LabelledKind kind, String resourceId, Label.Wanted label, String visibility, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", java.util.UUID.randomUUID().toString());
        row.put(kind.resourceColumn, resourceId);
        row.put("label_key", label.key());
        row.put("label_value", label.value());
        row.put("visibility", visibility);
        row.put("created_at", now);
        tables.insert(kind.table, row);
    }

    void delete(LabelledKind kind, String resourceId, Label.Wanted label) {
        tables.deleteWhere(kind.table, kind.resourceColumn + " = ? AND label_key = ? AND label_value = ?",
                List.of(resourceId, label.key(), label.value()));
    }

    void deleteAll(LabelledKind kind, String resourceId) {
        tables.deleteWhere(kind.table, kind.resourceColumn + " = ?", List.of(resourceId));
    }

    /** The labels follow their resource's visibility. */
    void setVisibility(LabelledKind kind, String resourceId, String visibility) {
        tables.updateWhere(kind.table, kind.resourceColumn + " = ?", List.of(resourceId),
                Map.of("visibility", visibility));
    }

    /** Every visible (key, value) pair of the kind, for the key and value lists. */
    List<Label.Wanted> pairs(LabelledKind kind, String condition, List<?> params) {
        return tables.find(kind.table, condition, params,
                rs -> new Label.Wanted(rs.getString("label_key"), rs.getString("label_value")));
    }
}
