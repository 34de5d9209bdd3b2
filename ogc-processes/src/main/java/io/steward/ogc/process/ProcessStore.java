package io.steward.ogc.process;

import io.steward.engine.storage.JsonColumns;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code ogc_processes} table: processes deployed through Part 2, with the package as it was sent. */
@Singleton
class ProcessStore {
    static final String TABLE = "ogc_processes";

    private final TenantTables tables;
    private final JsonColumns json;

    ProcessStore(TenantTables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    /** A deployed process and the package it came from. */
    record StoredProcess(ProcessDefinition definition, String packageBody, String packageMediaType) {
    }

    void insert(ProcessDefinition process, String packageBody, String mediaType, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", process.id());
        row.put("visibility", Visibility.TENANT.wire());
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("description", json.write(process.description()));
        row.put("execution_unit", json.write(process.unit().toJson()));
        row.put("package_body", packageBody);
        row.put("package_media_type", mediaType);
        tables.insert(TABLE, row);
    }

    int replace(ProcessDefinition process, String packageBody, String mediaType, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("updated_at", now);
        values.put("description", json.write(process.description()));
        values.put("execution_unit", json.write(process.unit().toJson()));
        values.put("package_body", packageBody);
        values.put("package_media_type", mediaType);
        return tables.update(TABLE, process.id(), values);
    }

    Optional<StoredProcess> find(String id) {
        return tables.findById(TABLE, id, this::map);
    }

    List<ProcessDefinition> list() {
        return tables.find(TABLE, "1 = 1", List.of(), this::map).stream().map(StoredProcess::definition).toList();
    }

    int delete(String id) {
        return tables.deleteWhere(TABLE, "id = ?", List.of(id));
    }

    private StoredProcess map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> description = json.readMap(rs.getString("description"));
        ExecutionUnit unit = ExecutionUnits.fromStored(json.readMap(rs.getString("execution_unit")));
        return new StoredProcess(new ProcessDefinition(rs.getString("id"), description, unit, true),
                rs.getString("package_body"), rs.getString("package_media_type"));
    }
}
