package io.steward.tenancy.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exact row counts of a tenant-owned table, kept per key in a side table ({@code countsTable}: {@code tenant_name},
 * the key columns, {@code slot}, {@code n}), so that a list's total is a sum over a few rows instead of a count of
 * every row. The key columns are the ones the read scope and the common filters test (for executions: system
 * workflow, visibility, creator), so the list's own WHERE clause runs unchanged on the side table.
 *
 * <p>{@code TenantTables} changes the counts in the same statement group and transaction as every insert and delete
 * of the table, and refuses updates of a key column, so no store can bypass them. Each key has up to {@link #SLOTS}
 * rows and a writer adds to one picked at random: concurrent starts rarely wait on the same row lock until commit. A
 * slot may go negative (a delete takes from any slot); only the sum means something.
 */
public final class RowCounts {
    static final int SLOTS = 32;

    private final String table;
    private final String countsTable;
    private final List<String> keyColumns;
    private final String addSql;
    private final String addSlotSql;

    /** {@code keyColumns}: the counted key besides {@code tenant_name}, columns of both tables. */
    public RowCounts(String table, String countsTable, List<String> keyColumns) {
        this.table = table;
        this.countsTable = countsTable;
        this.keyColumns = List.copyOf(keyColumns);
        StringJoiner match = new StringJoiner(" AND ", " WHERE tenant_name = ? AND ", " AND slot = ?");
        StringJoiner columns = new StringJoiner(", ", "(tenant_name, ", ", slot, n)");
        StringJoiner marks = new StringJoiner(", ", "(?, ", ", ?, 0)");
        this.keyColumns.forEach(k -> {
            match.add(k + " = ?");
            columns.add(k);
            marks.add("?");
        });
        this.addSql = "UPDATE " + countsTable + " SET n = n + ?" + match;
        this.addSlotSql = "INSERT INTO " + countsTable + " " + columns + " VALUES " + marks + " ON CONFLICT DO NOTHING";
    }

    public String table() {
        return table;
    }

    String countsTable() {
        return countsTable;
    }

    /** Whether {@code column} is part of the counted key ({@code tenant_name} always is). */
    boolean isKeyColumn(String column) {
        return "tenant_name".equals(column) || keyColumns.contains(column);
    }

    /** The key of a row about to be inserted; every key column must be set. */
    public List<Object> keyOf(Map<String, Object> row) {
        List<Object> key = new ArrayList<>(keyColumns.size() + 1);
        key.add(row.get("tenant_name"));
        for (String column : keyColumns) {
            if (row.get(column) == null) {
                throw new IllegalArgumentException(table + " rows are counted by " + keyColumns + ": " + column
                        + " must be set on insert");
            }
            key.add(row.get(column));
        }
        return key;
    }

    /**
     * Inserts one row ({@code insertSql} with {@code values}) and counts it under {@code key}. On PostgreSQL both
     * happen in one statement (the insert as a data-modifying WITH), so a start pays no extra round trip.
     */
    public void insert(Connection c, Dialect dialect, String insertSql, List<Object> values, List<Object> key)
            throws SQLException {
        if (dialect != Dialect.POSTGRES) {
            Sql.update(c, insertSql, values);
            add(c, key, 1);
            return;
        }
        CountedInsert counted = countedInsert(insertSql, values, key);
        finish(c, counted, Sql.update(c, counted.sql(), counted.params()));
    }

    /** A PostgreSQL statement that inserts one row and counts it, for callers that send it with other statements. */
    public record CountedInsert(String sql, List<Object> params, List<Object> key, int slot) {
    }

    /** The insert of {@code insertSql} with {@code values} as a data-modifying WITH that also counts it (PostgreSQL). */
    public CountedInsert countedInsert(String insertSql, List<Object> values, List<Object> key) {
        int slot = ThreadLocalRandom.current().nextInt(SLOTS);
        List<Object> params = new ArrayList<>(values);
        params.addAll(addParams(key, 1, slot));
        return new CountedInsert("WITH inserted AS (" + insertSql + ") " + addSql, params, key, slot);
    }

    /**
     * Completes a {@link CountedInsert} that reported {@code updateCount}: 0 means its key had no row in that slot
     * yet (the row was inserted, the count not), so the slot is created and counted now.
     */
    public void finish(Connection c, CountedInsert counted, int updateCount) throws SQLException {
        if (updateCount != 1) {
            addToNewSlot(c, counted.key(), 1, counted.slot());
        }
    }

    /** Adds {@code delta} to the count of {@code key} (tenant first, then the key columns), in one slot. */
    public void add(Connection c, List<Object> key, long delta) throws SQLException {
        int slot = ThreadLocalRandom.current().nextInt(SLOTS);
        if (Sql.update(c, addSql, addParams(key, delta, slot)) != 1) {
            addToNewSlot(c, key, delta, slot);
        }
    }

    private static List<Object> addParams(List<Object> key, long delta, int slot) {
        List<Object> params = new ArrayList<>(key.size() + 2);
        params.add(delta);
        params.addAll(key);
        params.add(slot);
        return params;
    }

    private void addToNewSlot(Connection c, List<Object> key, long delta, int slot) throws SQLException {
        // First row of this key in this slot: create it at zero (a concurrent writer may win that), then add.
        List<Object> slotRow = new ArrayList<>(key);
        slotRow.add(slot);
        Sql.update(c, addSlotSql, slotRow);
        if (Sql.update(c, addSql, addParams(key, delta, slot)) != 1) {
            throw new IllegalStateException("No count row for " + key + " in " + countsTable + " after creating it");
        }
    }

    /**
     * Deletes the rows of {@code table} matching {@code where} and takes them off their counts; returns how many. The
     * delete reports the keys of exactly the rows it removed (RETURNING on PostgreSQL, OLD TABLE on H2).
     */
    public int delete(Connection c, Dialect dialect, String where, List<?> params) throws SQLException {
        StringJoiner key = new StringJoiner(", ", "tenant_name, ", "");
        keyColumns.forEach(key::add);
        String delete = "DELETE FROM " + table + " WHERE " + where;
        String sql = dialect == Dialect.POSTGRES ? delete + " RETURNING " + key
                : "SELECT " + key + " FROM OLD TABLE (" + delete + ")";
        List<List<Object>> removed = Sql.query(c, sql, params, rs -> {
            List<Object> values = new ArrayList<>(keyColumns.size() + 1);
            for (int i = 1; i <= keyColumns.size() + 1; i++) {
                values.add(rs.getObject(i));
            }
            return values;
        });
        Map<List<Object>, Long> counts = new java.util.HashMap<>();
        removed.forEach(row -> counts.merge(row, 1L, Long::sum));
        addAll(c, counts, -1);
        return removed.size();
    }

    /**
     * Adds {@code sign} times each count to its key, keys in one fixed order so that two writers never wait on each
     * other's count rows in a cycle.
     */
    public void addAll(Connection c, Map<List<Object>, Long> counts, int sign) throws SQLException {
        List<Map.Entry<List<Object>, Long>> ordered = new ArrayList<>(counts.entrySet());
        ordered.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)));
        for (var entry : ordered) {
            add(c, entry.getKey(), sign * entry.getValue());
        }
    }

    /** Refuses changes of key columns: the row would move between counts. */
    public void refuseKeyChange(Collection<String> columns) {
        for (String column : columns) {
            if (isKeyColumn(column)) {
                throw new IllegalArgumentException(table + " rows are counted by " + keyColumns + ": " + column
                        + " cannot be updated");
            }
        }
    }
}
