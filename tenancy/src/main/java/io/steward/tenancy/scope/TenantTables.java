package io.steward.tenancy.scope;

import io.steward.tenancy.store.Dialect;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.store.PagedSelect;
import io.steward.tenancy.store.PlannerStatistics;
import io.steward.tenancy.store.RowCounts;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import io.steward.tenancy.store.Sql.RowMapper;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The one place that reads and writes tenant-owned tables. Every statement it builds carries the tenant predicate
 * of the bound {@link Caller}; callers cannot pass a tenant, so no store can forget it.
 *
 * <p>Reads see the caller's tenant plus {@code global} records of any tenant, minus other users' {@code private}
 * records unless the caller holds {@link Permission#ADMINISTRATORS} (Cloudify's rule). Writes touch only rows of the
 * caller's own tenant. Table and column names come from code, never from a request.
 */
@Singleton
public class TenantTables {
    private static final long GLOBAL_ROWS_TTL_NANOS = 1_000_000_000L;
    private static final int ID_CHECK_CHUNK = 500;

    private final TenancyStatements database;
    private final PlannerStatistics statistics;
    private final Map<String, RowCounts> countedTables = new java.util.HashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, GlobalRows> globalRows =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code counted}: the tables whose rows are counted (see {@link RowCounts}), declared by the modules owning them. */
    TenantTables(TenancyStatements database, PlannerStatistics statistics, List<RowCounts> counted) {
        this.database = database;
        this.statistics = statistics;
        counted.forEach(counts -> countedTables.put(counts.table(), counts));
    }

    public <T> Optional<T> findById(String table, String id, RowMapper<T> mapper) {
        return findOne(table, "id = ?", List.of(id), mapper);
    }

    /** The first visible row matching {@code condition} (column names of {@code table}, positional parameters). */
    public <T> Optional<T> findOne(String table, String condition, List<?> params, RowMapper<T> mapper) {
        List<T> rows = find(table, condition, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every visible row matching {@code condition}, oldest first. */
    public <T> List<T> find(String table, String condition, List<?> params, RowMapper<T> mapper) {
        return find(table, List.of("*"), condition, params, mapper);
    }

    /**
     * The visible row with this id, reading only {@code columns}: for hot paths that would otherwise carry large
     * text or binary columns (a blueprint's archive and plan, a deployment's workflows) they do not use.
     */
    public <T> Optional<T> findById(String table, List<String> columns, String id, RowMapper<T> mapper) {
        List<T> rows = find(table, columns, "id = ?", List.of(id), mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> find(String table, List<String> columns, String condition, List<?> params,
                             RowMapper<T> mapper) {
        ReadScope scope = readScope(table);
        List<Object> all = new ArrayList<>(scope.params);
        all.addAll(params);
        String sql = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE " + scope.sql
                + " AND (" + condition + ")" + " ORDER BY created_at, id";
        return database.read(c -> Sql.query(c, sql, all, mapper));
    }

    /** One page of visible rows, filtered and sorted as the query asks, then by creation time. */
    public <T> Page<T> list(TableSpec spec, ListQuery query, RowMapper<T> mapper) {
        return list(spec, List.of("*"), query, mapper);
    }

    /** As {@link #list(TableSpec, ListQuery, RowMapper)}, reading only {@code columns}: a list that projects fields. */
    public <T> Page<T> list(TableSpec spec, List<String> columns, ListQuery query, RowMapper<T> mapper) {
        ReadScope scope = readScope(spec.table());
        return PagedSelect.page(database, spec, String.join(", ", columns), scope.sql, scope.params, query, mapper,
                countedTables.get(spec.table()));
    }

    /** Like {@link #list} with an extra condition the service chose (for example a parent id). */
    public <T> Page<T> list(TableSpec spec, String condition, List<?> params, ListQuery query, RowMapper<T> mapper) {
        ReadScope scope = readScope(spec.table());
        List<Object> all = new ArrayList<>(scope.params);
        all.addAll(params);
        return PagedSelect.page(database, spec, scope.sql + " AND (" + condition + ")", all, query, mapper);
    }

    /**
     * As {@link #list(TableSpec, ListQuery, RowMapper)}, narrowed by Cloudify filter rules (checked by the caller
     * with {@link io.steward.tenancy.store.FilterRules#check}): label rules read {@code labels} through the outer row's
     * tenant and id, so they stay inside it.
     */
    public <T> Page<T> list(TableSpec spec, io.steward.tenancy.store.FilterRules.LabelTable labels,
                            List<io.steward.tenancy.store.FilterRule> rules, ListQuery query, RowMapper<T> mapper) {
        var condition = io.steward.tenancy.store.FilterRules.condition(spec, labels, rules);
        return list(spec, condition.sql(), condition.params(), query, mapper);
    }

    /**
     * Counts of the visible rows matching the query's filters, grouped by {@code groupFields} (fields of
     * {@code spec}): one page of groups, ordered by their values, and the number of groups.
     */
    public Page<io.steward.tenancy.store.GroupCount> groupCounts(TableSpec spec, ListQuery query,
                                                                 List<String> groupFields) {
        ReadScope scope = readScope(spec.table());
        return PagedSelect.groupCounts(database, spec, scope.sql, scope.params, query, groupFields);
    }

    /**
     * Two tenant-owned tables read as one: {@code table} (alias {@code alias}) joined with {@code joined} (alias
     * {@code joinedAlias}) on {@code on}. Each side carries the read predicate of the bound caller, so a join can
     * never bring in a row of another tenant, whichever side it comes from.
     */
    public record Join(String table, String alias, String joined, String joinedAlias, String on) {
        String from() {
            return table + " " + alias + " JOIN " + joined + " " + joinedAlias + " ON " + on;
        }
    }

    /**
     * One page of visible joined rows matching {@code condition} (alias-qualified columns, positional parameters),
     * ordered by {@code orderBy}: {@code columns} is the select list.
     */
    public <T> List<T> findJoined(Join join, String columns, String condition, List<?> params, String orderBy,
                                  int offset, int limit, RowMapper<T> mapper) {
        List<Object> all = new ArrayList<>();
        String where = joinedScope(join, condition, params, all);
        all.add(limit);
        all.add(offset);
        String sql = "SELECT " + columns + " FROM " + join.from() + " WHERE " + where + " ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?";
        return database.read(c -> Sql.query(c, sql, all, mapper));
    }

    /** Counts the visible joined rows matching {@code condition}. */
    public long countJoined(Join join, String condition, List<?> params) {
        List<Object> all = new ArrayList<>();
        String where = joinedScope(join, condition, params, all);
        return database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + join.from() + " WHERE " + where, all));
    }

    private String joinedScope(Join join, String condition, List<?> params, List<Object> all) {
        ReadScope left = readScope(join.table(), join.alias() + ".");
        ReadScope right = readScope(join.joined(), join.joinedAlias() + ".");
        all.addAll(left.params);
        all.addAll(right.params);
        all.addAll(params);
        return left.sql + " AND " + right.sql + " AND (" + condition + ")";
    }

    /** Counts the caller's tenant's rows matching {@code condition} (no visibility widening: for checks, not reads). */
    public long count(String table, String condition, List<?> params) {
        List<Object> all = inOwnTenant(params);
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE tenant_name = ? AND (" + condition + ")";
        return database.read(c -> Sql.count(c, sql, all));
    }

    /**
     * Which of {@code ids} are already taken in the caller's tenant, by any owner and visibility (keys are unique per
     * tenant whoever can see the row: for checks before an insert, not for reads).
     */
    public java.util.Set<String> takenIdsInOwnTenant(String table, java.util.Collection<String> ids) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_CHECK_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_CHECK_CHUNK));
            // Row values, not "tenant_name = ? AND id IN (…)": H2 scans the tenant's rows for a parameterised IN list
            // but looks (tenant_name, id) pairs up in the primary key.
            StringJoiner pairs = new StringJoiner(", ");
            List<Object> params = new ArrayList<>();
            String tenant = CallerScope.current().requireTenant();
            chunk.forEach(id -> {
                pairs.add("(?, ?)");
                params.add(tenant);
                params.add(id);
            });
            String sql = "SELECT id FROM " + table + " WHERE (tenant_name, id) IN (" + pairs + ")";
            taken.addAll(database.read(c -> Sql.query(c, sql, params, rs -> rs.getString(1))));
        }
        return taken;
    }

    /** Inserts a row into the caller's tenant; {@code tenant_name} and {@code created_by} are filled in here. */
    public void insert(String table, Map<String, Object> values) {
        Map<String, Object> row = ownedRow(values);
        String sql = insertSql(table, row);
        RowCounts counts = countedTables.get(table);
        if (counts == null) {
            database.write(c -> Sql.update(c, sql, new ArrayList<>(row.values())));
        } else {
            List<Object> key = counts.keyOf(row);
            database.write(c -> {
                counts.insert(c, database.dialect(), sql, new ArrayList<>(row.values()), key);
                return null;
            });
        }
        statistics.inserted(table, 1);
    }

    /**
     * As {@link #insert}, for a table with an identity column that is not counted: returns the number the database
     * gave the row in {@code identityColumn}.
     */
    public long insertReturning(String table, Map<String, Object> values, String identityColumn) {
        if (countedTables.containsKey(table)) {
            throw new IllegalArgumentException(table + " is counted: its inserts go through insert()");
        }
        Map<String, Object> row = ownedRow(values);
        String sql = insertSql(table, row);
        long generated = database.write(c -> Sql.insertReturning(c, sql, new ArrayList<>(row.values()),
                identityColumn));
        statistics.inserted(table, 1);
        return generated;
    }

    /**
     * A row for {@link #insertTogether}: the table and its columns, without {@code tenant_name}; {@code returning}
     * names an identity column whose number the insert answers (null: none).
     */
    public record NewRow(String table, Map<String, Object> values, String returning) {
        public NewRow(String table, Map<String, Object> values) {
            this(table, values, null);
        }
    }

    /**
     * Inserts rows of different tables into the caller's tenant, in order, in one transaction and, on PostgreSQL, in
     * one round trip: an execution and its first history row cost one wait for the database instead of two. Returns
     * the numbers the database gave the rows that name a {@code returning} column, in their order.
     */
    public List<Long> insertTogether(List<NewRow> rows) {
        boolean postgres = database.dialect() == Dialect.POSTGRES;
        List<String> sqls = new ArrayList<>(rows.size());
        List<List<Object>> params = new ArrayList<>(rows.size());
        List<String> returning = new ArrayList<>(rows.size());
        // Counted tables (RowCounts): on PostgreSQL the insert carries its count in the same statement; elsewhere
        // the count follows in the same transaction.
        Map<Integer, RowCounts.CountedInsert> countedInserts = new java.util.HashMap<>();
        Map<RowCounts, List<List<Object>>> countLater = new java.util.HashMap<>();
        for (NewRow newRow : rows) {
            Map<String, Object> row = ownedRow(newRow.values());
            String sql = insertSql(newRow.table(), row);
            List<Object> values = new ArrayList<>(row.values());
            RowCounts counts = countedTables.get(newRow.table());
            if (counts != null && newRow.returning() != null) {
                throw new IllegalArgumentException(newRow.table() + " is counted: its inserts answer no number");
            }
            if (counts != null && postgres) {
                RowCounts.CountedInsert counted = counts.countedInsert(sql, values, counts.keyOf(row));
                countedInserts.put(sqls.size(), counted);
                sql = counted.sql();
                values = counted.params();
            } else if (counts != null) {
                countLater.computeIfAbsent(counts, k -> new ArrayList<>()).add(counts.keyOf(row));
            }
            sqls.add(sql);
            params.add(values);
            returning.add(newRow.returning());
        }
        long[] answers = database.write(c -> {
            long[] written = Sql.writeTogether(c, database.dialect(), sqls, params, returning);
            for (var counted : countedInserts.entrySet()) {
                countedTables.get(rows.get(counted.getKey()).table()).finish(c, counted.getValue(),
                        (int) written[counted.getKey()]);
            }
            for (var later : countLater.entrySet()) {
                for (List<Object> key : later.getValue()) {
                    later.getKey().add(c, key, 1);
                }
            }
            return written;
        });
        rows.forEach(row -> statistics.inserted(row.table(), 1));
        List<Long> generated = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).returning() != null) {
                generated.add(answers[i]);
            }
        }
        return generated;
    }

    /**
     * Inserts rows into the caller's tenant as JDBC batches (one per set of columns), in one transaction: a task
     * graph or a run of events costs one round trip instead of one per row.
     */
    public void insertAll(String table, List<Map<String, Object>> values) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, List<List<Object>>> byStatement = new LinkedHashMap<>();
        RowCounts counts = countedTables.get(table);
        Map<List<Object>, Long> added = new java.util.HashMap<>();
        for (Map<String, Object> value : values) {
            Map<String, Object> row = ownedRow(value);
            byStatement.computeIfAbsent(insertSql(table, row), k -> new ArrayList<>()).add(new ArrayList<>(row.values()));
            if (counts != null) {
                added.merge(counts.keyOf(row), 1L, Long::sum);
            }
        }
        database.write(c -> {
            for (var statement : byStatement.entrySet()) {
                Sql.batch(c, statement.getKey(), statement.getValue());
            }
            if (counts != null) {
                counts.addAll(c, added, 1);
            }
            return null;
        });
        statistics.inserted(table, values.size());
    }

    /**
     * Runs {@code work} as one transaction: every statement it makes through this class commits together, or none
     * does. Joins the surrounding transaction if there is one.
     */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return database.write(c -> work.get());
    }

    /** As {@link #inOneTransaction(java.util.function.Supplier)}, for work that returns nothing. */
    public void inOneTransaction(Runnable work) {
        database.write(c -> {
            work.run();
            return null;
        });
    }

    private static Map<String, Object> ownedRow(Map<String, Object> values) {
        Caller caller = CallerScope.current();
        Map<String, Object> row = new LinkedHashMap<>(values);
        refuseTenantColumn(row);
        row.put("tenant_name", caller.requireTenant());
        row.putIfAbsent("created_by", caller.username());
        return row;
    }

    private static String insertSql(String table, Map<String, Object> row) {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        row.keySet().forEach(k -> {
            columns.add(k);
            marks.add("?");
        });
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")";
    }

    /**
     * A value of an update's column map that adds one to the column's counter in the statement itself (null counts as
     * zero), so concurrent updates never lose a count and a counter rides along with other changes of the row.
     */
    public static final Object ONE_MORE = new Object() {
        @Override
        public String toString() {
            return "ONE_MORE";
        }
    };

    /** Updates the given columns of one row of the caller's tenant; returns the number of rows changed (0 or 1). */
    public int update(String table, String id, Map<String, Object> values) {
        return updateWhere(table, "id = ?", List.of(id), values);
    }

    /** Updates rows of the caller's tenant matching {@code condition}: a compare-and-set when it names a state. */
    public int updateWhere(String table, String condition, List<?> conditionParams, Map<String, Object> values) {
        TenantUpdate update = tenantUpdate(table, condition, conditionParams, values);
        return database.write(c -> Sql.update(c, update.sql(), update.params()));
    }

    /** An UPDATE of the caller's tenant's rows matching {@code condition}, and its parameters in order. */
    private record TenantUpdate(String sql, List<Object> params) {
    }

    private TenantUpdate tenantUpdate(String table, String condition, List<?> conditionParams,
                                      Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        refuseTenantColumn(row);
        refuseCountedKeyChange(table, row.keySet());
        StringJoiner sets = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        row.forEach((k, v) -> {
            if (v == ONE_MORE) {
                sets.add(k + " = COALESCE(" + k + ", 0) + 1");
            } else {
                sets.add(k + " = ?");
                params.add(v);
            }
        });
        params.add(CallerScope.current().requireTenant());
        params.addAll(conditionParams);
        return new TenantUpdate("UPDATE " + table + " SET " + sets + " WHERE tenant_name = ? AND (" + condition + ")",
                params);
    }

    /**
     * {@link #updateWhere} of at most one row and, only when it updated it, the insert of {@code recorded} (a row of
     * another table that records the update, such as a history row), committed together: one statement on
     * PostgreSQL (a data-modifying WITH), two on H2 (in process, where a round trip costs nothing). Returns the
     * number of rows updated. {@code recorded}'s table must not be counted ({@link RowCounts}).
     */
    public int updateWhereRecording(String table, String condition, List<?> conditionParams,
                                    Map<String, Object> values, NewRow recorded) {
        if (countedTables.containsKey(recorded.table())) {
            throw new IllegalArgumentException(recorded.table() + " is counted: its inserts go through insert");
        }
        TenantUpdate update = tenantUpdate(table, condition, conditionParams, values);
        Map<String, Object> insert = ownedRow(recorded.values());
        if (database.dialect() != Dialect.POSTGRES) {
            return database.write(c -> {
                int updated = Sql.update(c, update.sql(), update.params());
                if (updated == 1) {
                    Sql.update(c, insertSql(recorded.table(), insert), new ArrayList<>(insert.values()));
                } else if (updated > 1) {
                    throw new IllegalStateException("A recorded update matched " + updated + " rows of " + table);
                }
                return updated;
            });
        }
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        insert.keySet().forEach(k -> {
            columns.add(k);
            marks.add("?");
        });
        List<Object> params = new ArrayList<>(update.params());
        params.addAll(insert.values());
        String sql = "WITH updated AS (" + update.sql() + " RETURNING 1) INSERT INTO " + recorded.table() + " ("
                + columns + ") SELECT " + marks + " FROM updated";
        return database.write(c -> {
            int updated = Sql.update(c, sql, params);
            if (updated > 1) {
                throw new IllegalStateException("A recorded update matched " + updated + " rows of " + table);
            }
            return updated;
        });
    }

    /**
     * {@link #updateWhere}, answering the {@code returning} column of exactly the rows it updated (RETURNING on
     * PostgreSQL, a FINAL TABLE on H2): a compare-and-set over many rows in one statement, whose caller learns which
     * of them matched.
     */
    public List<String> updateWhereReturning(String table, String condition, List<?> conditionParams,
                                             Map<String, Object> values, String returning) {
        TenantUpdate update = tenantUpdate(table, condition, conditionParams, values);
        String sql = database.dialect() == Dialect.POSTGRES ? update.sql() + " RETURNING " + returning
                : "SELECT " + returning + " FROM FINAL TABLE (" + update.sql() + ")";
        return database.write(c -> Sql.query(c, sql, update.params(), rs -> rs.getString(1)));
    }

    /** Adds one to a counter column of one row of the caller's tenant, in a single statement (no lost updates). */
    public void increment(String table, String id, String column) {
        update(table, id, Map.of(column, ONE_MORE));
    }

    /** Deletes rows of the caller's tenant matching {@code condition}; returns how many. */
    public int deleteWhere(String table, String condition, List<?> params) {
        List<Object> all = inOwnTenant(params);
        String where = "tenant_name = ? AND (" + condition + ")";
        RowCounts counts = countedTables.get(table);
        if (counts != null) {
            return database.write(c -> counts.delete(c, database.dialect(), where, all));
        }
        return database.write(c -> Sql.update(c, "DELETE FROM " + table + " WHERE " + where, all));
    }

    /**
     * As {@link #deleteWhere}, but only the rows the caller sees: another user's {@code private} rows stay unless the
     * caller holds {@link Permission#ADMINISTRATORS}. For deletes a caller asks for by a filter (a deployment's events).
     */
    public int deleteVisible(String table, String condition, List<?> params) {
        Caller caller = CallerScope.current();
        if (caller.has(Permission.ADMINISTRATORS)) {
            return deleteWhere(table, condition, params);
        }
        List<Object> all = new ArrayList<>();
        all.add(caller.username());
        all.addAll(params);
        return deleteWhere(table, ownPrivateOnly("") + " AND (" + condition + ")", all);
    }

    /**
     * Counts the rows {@code tenant} owns in {@code table}, whoever is calling. The one cross-tenant read: a tenant
     * that still owns records must not be deleted, and only sys_admin deletes tenants.
     */
    public long countAcrossTenants(String table, String tenant) {
        return database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + table + " WHERE tenant_name = ?",
                List.of(tenant)));
    }

    /**
     * Deletes the rows {@code tenant} owns in {@code table} matching {@code condition}, whoever is calling; returns
     * how many. The one cross-tenant delete: a tenant being deleted takes its leftover history with it, and only
     * sys_admin deletes tenants.
     */
    public int deleteAcrossTenants(String table, String tenant, String condition, List<?> params) {
        List<Object> all = new ArrayList<>();
        all.add(tenant);
        all.addAll(params);
        String where = "tenant_name = ? AND (" + condition + ")";
        RowCounts counts = countedTables.get(table);
        if (counts != null) {
            return database.write(c -> counts.delete(c, database.dialect(), where, all));
        }
        return database.write(c -> Sql.update(c, "DELETE FROM " + table + " WHERE " + where, all));
    }

    /**
     * Rows of every tenant matching {@code condition}, oldest first, at most {@code limit}. For the engine's runner
     * only: claiming work is the one job that must look across tenants. The caller binds the row's tenant before it
     * touches the row again.
     */
    public <T> List<T> findAcrossTenants(String table, String condition, List<?> params, int limit,
                                         RowMapper<T> mapper) {
        String sql = "SELECT * FROM " + table + " WHERE " + condition + " ORDER BY created_at, id LIMIT " + limit;
        return database.read(c -> Sql.query(c, sql, params, mapper));
    }

    /**
     * Joined rows of every tenant matching {@code condition}, at most {@code limit}, in no particular order. For the
     * engine's background duties only (finding OGC callbacks that are due, whichever tenant's); {@code on} must
     * match the tenants of both sides, and the caller binds the row's tenant before it touches the row again.
     */
    public <T> List<T> findJoinedAcrossTenants(Join join, String columns, String condition, List<?> params, int limit,
                                               RowMapper<T> mapper) {
        String sql = "SELECT " + columns + " FROM " + join.from() + " WHERE " + condition + " LIMIT " + limit;
        return database.read(c -> Sql.query(c, sql, params, mapper));
    }

    /** Counts rows of every tenant matching {@code condition}: the runner's global cap on running executions. */
    public long countWhereAcrossTenants(String table, String condition, List<?> params) {
        return database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + table + " WHERE " + condition, params));
    }

    /**
     * The rows of every tenant counted per combination of {@code columns} (names from code, not from a request),
     * {@code tenant_name} first: the metrics' executions by tenant and status.
     */
    public List<io.steward.tenancy.store.GroupCount> groupCountsAcrossTenants(String table, List<String> columns) {
        String grouped = String.join(", ", java.util.stream.Stream.concat(java.util.stream.Stream.of("tenant_name"),
                columns.stream()).toList());
        int width = columns.size() + 1;
        String sql = "SELECT " + grouped + ", COUNT(*) FROM " + table + " GROUP BY " + grouped;
        return database.read(c -> Sql.query(c, sql, List.of(), rs -> {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                values.add(rs.getObject(i));
            }
            return new io.steward.tenancy.store.GroupCount(values, rs.getLong(width + 1));
        }));
    }

    /**
     * The rows of every tenant matching {@code condition}, counted per tenant: what admission checks the per-tenant
     * caps on running executions against, under the cluster lock.
     */
    public java.util.Map<String, Long> countPerTenantAcrossTenants(String table, String condition, List<?> params) {
        String sql = "SELECT tenant_name, COUNT(*) FROM " + table + " WHERE " + condition + " GROUP BY tenant_name";
        List<java.util.Map.Entry<String, Long>> rows = database.read(c -> Sql.query(c, sql, params,
                rs -> java.util.Map.entry(rs.getString(1), rs.getLong(2))));
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        rows.forEach(row -> counts.put(row.getKey(), row.getValue()));
        return counts;
    }

    /**
     * As {@link #countWhereAcrossTenants(String, String, List)}, but stops counting at {@code atMost}: enough to tell
     * whether a cap is reached, without reading every matching row when many match.
     */
    public long countWhereAcrossTenants(String table, String condition, List<?> params, int atMost) {
        List<Object> all = new ArrayList<>(params);
        all.add(atMost);
        return database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE " + condition
                + " LIMIT ?) capped", all));
    }

    /**
     * Locks the rows of the caller's tenant matching {@code condition} until the surrounding transaction ends, so
     * concurrent writers that check-then-act on the same rows (two starts on one deployment) take turns.
     */
    public void lock(String table, String condition, List<?> params) {
        List<Object> all = inOwnTenant(params);
        String sql = "SELECT id FROM " + table + " WHERE tenant_name = ? AND (" + condition + ") FOR UPDATE";
        database.write(c -> Sql.query(c, sql, all, rs -> rs.getString(1)));
    }

    /** The caller's tenant, then {@code params}: the parameters of a statement that starts with {@code tenant_name = ?}. */
    private static List<Object> inOwnTenant(List<?> params) {
        List<Object> all = new ArrayList<>();
        all.add(CallerScope.current().requireTenant());
        all.addAll(params);
        return all;
    }

    private void refuseCountedKeyChange(String table, java.util.Collection<String> columns) {
        RowCounts counts = countedTables.get(table);
        if (counts != null) {
            counts.refuseKeyChange(columns);
        }
    }

    private static void refuseTenantColumn(Map<String, Object> row) {
        if (row.containsKey("tenant_name")) {
            throw new IllegalArgumentException("tenant_name is set from the bound caller, never by a store");
        }
    }

    /**
     * The read predicate for {@code table}. Global records of other tenants are rare; when the table has none, the
     * predicate is a plain {@code tenant_name = ?}, which lets the database walk the (tenant, created_at) index for
     * a page instead of scanning every row that the OR form would make it read.
     */
    private ReadScope readScope(String table) {
        return readScope(table, "");
    }

    /** The read predicate for {@code table}, its columns prefixed with {@code qualifier} (an alias and a dot). */
    private ReadScope readScope(String table, String qualifier) {
        Caller caller = CallerScope.current();
        String tenant = caller.requireTenant();
        boolean seesPrivate = caller.has(Permission.ADMINISTRATORS);
        String q = qualifier;
        String ownership = hasGlobalRows(table) ? "(" + q + "tenant_name = ? OR " + q + "visibility = 'global')"
                : q + "tenant_name = ?";
        if (seesPrivate) {
            return new ReadScope(ownership, List.of(tenant));
        }
        return new ReadScope(ownership + " AND " + ownPrivateOnly(q), List.of(tenant, caller.username()));
    }

    /** Public rows and the caller's own private ones (one parameter: the caller's name); Cloudify's private rule. */
    private static String ownPrivateOnly(String qualifier) {
        return "(" + qualifier + "visibility <> 'private' OR " + qualifier + "created_by = ?)";
    }

    /**
     * Whether {@code table} holds any global record, remembered for a second: a record made global is visible to
     * other tenants within that second, and reads do not pay a query for a fact that rarely changes.
     */
    private boolean hasGlobalRows(String table) {
        long now = System.nanoTime();
        GlobalRows known = globalRows.get(table);
        if (known != null && now - known.checkedAt < GLOBAL_ROWS_TTL_NANOS) {
            return known.present;
        }
        boolean present = database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM " + table
                + " WHERE visibility = 'global' LIMIT 1) shared", List.of()) > 0);
        globalRows.put(table, new GlobalRows(present, now));
        return present;
    }

    private record GlobalRows(boolean present, long checkedAt) {
    }

    private record ReadScope(String sql, List<Object> params) {
    }
}
