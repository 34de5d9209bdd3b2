package io.steward.tenancy.scope;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.member.TenantRole;
import io.steward.tenancy.store.FilterRules;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Sql.RowMapper;
import io.steward.tenancy.store.TableSpec;
import io.steward.tenancy.store.TableSpec.Column;
import io.steward.tenancy.support.TenancyContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.steward.tenancy.support.TenancyContext.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link TenantTables} over a real H2 database: every statement it builds carries the bound caller's tenant (reads
 * also see other tenants' global records, and private ones only of their creator or for a manager), writes touch
 * only the caller's tenant, nothing works with no caller bound except the reads {@link CrossTenantReads} lists, and
 * those do look across tenants. The tables are made here: tenant-owned tables belong to other modules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantTablesTest {
    private static final RowMapper<String> ID = rs -> rs.getString("id");
    private static final TableSpec NOTES = new TableSpec("notes", "id", Map.of("id", Column.text("id"),
            "body", Column.text("body")));
    private static final TenantTables.Join WITH_TAGS = new TenantTables.Join("notes", "n", "note_tags", "t",
            "t.note_id = n.id");
    private static final Caller ANN = member("ann", "alpha", TenantRole.USER);
    private static final Caller AMY = member("amy", "alpha", TenantRole.MANAGER);
    private static final Caller BOB = member("bob", "beta", TenantRole.USER);
    private static final Caller GIL = member("gil", "gamma", TenantRole.USER);
    private static final Caller DAN = member("dan", "delta", TenantRole.USER);

    private TenancyContext context;
    private TenantTables tables;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeAll
    void tables() {
        context = new TenancyContext();
        tables = context.bean(TenantTables.class);
        String owned = "tenant_name VARCHAR(64) NOT NULL, visibility VARCHAR(16) NOT NULL,"
                + " created_by VARCHAR(64) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL";
        context.execute("CREATE TABLE notes (id VARCHAR(64) NOT NULL, " + owned
                        + ", body VARCHAR(200), hits INTEGER, PRIMARY KEY (tenant_name, id))",
                "CREATE TABLE note_tags (id VARCHAR(64) NOT NULL, " + owned
                        + ", note_id VARCHAR(64) NOT NULL, tag VARCHAR(64) NOT NULL, PRIMARY KEY (tenant_name, id))");
        as(ANN, () -> note("a1", "tenant"));
        as(member("abe", "alpha", TenantRole.USER), () -> note("a2", "private"));
        as(BOB, () -> {
            note("b1", "tenant");
            note("b2", "global");
            note("b3", "private");
            // Beta's tag names alpha's note: a join must not bring it to alpha, nor alpha's note to beta.
            tag("t2", "a1", "beta-tag");
        });
        as(ANN, () -> tag("t1", "a1", "alpha-tag"));
        as(GIL, () -> {
            note("g1", "tenant");
            note("g2", "tenant");
        });
    }

    @AfterAll
    void close() {
        context.close();
    }

    @Test
    void reads_see_the_own_tenant_and_other_tenants_global_records() {
        assertThat(as(ANN, () -> tables.find("notes", "1 = 1", List.of(), ID))).containsExactly("a1", "b2");
        assertThat(as(ANN, () -> tables.findById("notes", "b1", ID))).isEmpty();
        assertThat(as(ANN, () -> tables.findById("notes", "b2", ID))).contains("b2");
        assertThat(as(ANN, () -> tables.findOne("notes", "body = ?", List.of("b3 body"), ID))).isEmpty();
        assertThat(as(ANN, () -> tables.findById("notes", List.of("id"), "a1", ID))).contains("a1");
        var page = as(ANN, () -> tables.list(NOTES, ListQuery.all(), ID));
        assertThat(page.items()).containsExactly("a1", "b2");
        assertThat(page.total()).isEqualTo(2);
        assertThat(as(ANN, () -> tables.list(NOTES, "id <> ?", List.of("a1"), ListQuery.all(), ID)).items())
                .containsExactly("b2");
        assertThat(as(BOB, () -> tables.find("notes", "1 = 1", List.of(), ID))).containsExactly("b1", "b2", "b3");
    }

    @Test
    void private_records_are_seen_by_their_creator_and_by_managers_only() {
        assertThat(as(member("abe", "alpha", TenantRole.USER), () -> tables.find("notes", "1 = 1", List.of(), ID)))
                .containsExactly("a1", "a2", "b2");
        assertThat(as(AMY, () -> tables.find("notes", "1 = 1", List.of(), ID))).containsExactly("a1", "a2", "b2");
        assertThat(as(AMY, () -> tables.findById("notes", "b3", ID))).as("another tenant's private record").isEmpty();
    }

    @Test
    void counts_are_of_the_own_tenant_only() {
        assertThat(as(ANN, () -> tables.count("notes", "1 = 1", List.of()))).isEqualTo(2);
        assertThat(as(ANN, () -> tables.count("notes", "id = ?", List.of("b2")))).isZero();
    }

    @Test
    void joins_put_the_tenant_predicate_on_both_sides() {
        RowMapper<String> pair = rs -> rs.getString(1) + ":" + rs.getString(2);
        assertThat(as(ANN, () -> tables.findJoined(WITH_TAGS, "n.id, t.tag", "1 = 1", List.of(), "t.tag", 0, 10,
                pair))).containsExactly("a1:alpha-tag");
        assertThat(as(ANN, () -> tables.countJoined(WITH_TAGS, "1 = 1", List.of()))).isEqualTo(1);
        assertThat(as(BOB, () -> tables.countJoined(WITH_TAGS, "1 = 1", List.of()))).isZero();
    }

    @Test
    void writes_never_touch_another_tenants_rows_even_visible_ones() {
        assertThat(as(ANN, () -> tables.update("notes", "b2", Map.of("body", "changed")))).isZero();
        assertThat(as(ANN, () -> tables.updateWhere("notes", "id LIKE ?", List.of("b%"), Map.of("body", "x"))))
                .isZero();
        as(ANN, () -> tables.increment("notes", "b1", "hits"));
        assertThat(as(ANN, () -> tables.deleteWhere("notes", "id = ?", List.of("b2")))).isZero();
        as(ANN, () -> tables.lock("notes", "1 = 1", List.of()));
        RowMapper<String> stored = rs -> rs.getString("id") + "=" + rs.getString("body") + "/" + rs.getObject("hits");
        assertThat(tables.findAcrossTenants("notes", "tenant_name = 'beta'", List.of(), 10, stored))
                .containsExactly("b1=b1 body/null", "b2=b2 body/null", "b3=b3 body/null");
        assertThat(as(ANN, () -> tables.update("notes", "a1", Map.of("hits", 7)))).isEqualTo(1);
    }

    @Test
    void inserts_take_the_tenant_from_the_caller_and_refuse_to_be_given_one() {
        as(DAN, () -> {
            tables.insertAll("notes", List.of(row("d10", "tenant"), row("d11", "tenant")));
            tables.insertTogether(List.of(new TenantTables.NewRow("notes", row("d12", "tenant")),
                    new TenantTables.NewRow("note_tags", tagRow("t12", "d12", "x"))));
        });
        RowMapper<String> tenantOf = rs -> rs.getString("id") + "@" + rs.getString("tenant_name");
        assertThat(tables.findAcrossTenants("notes", "id IN ('d10', 'd11', 'd12')", List.of(), 10, tenantOf))
                .containsExactly("d10@delta", "d11@delta", "d12@delta");
        Map<String, Object> smuggled = new LinkedHashMap<>(row("d13", "tenant"));
        smuggled.put("tenant_name", "beta");
        assertThatThrownBy(() -> as(DAN, () -> tables.insert("notes", smuggled)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> as(DAN, () -> tables.update("notes", "d10", Map.of("tenant_name", "beta"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every public method, called with nothing bound, fails closed before it runs a statement, except the ones
     * {@link CrossTenantReads} lists and {@code inOneTransaction}, which runs no statement of its own. A new method
     * that builds a statement without the caller's tenant fails here until it is listed.
     */
    @Test
    void with_no_caller_bound_every_method_fails_closed_except_the_listed_cross_tenant_ones() throws Exception {
        List<String> exempt = new ArrayList<>(CrossTenantReads.methodsOf("TenantTables"));
        exempt.add("inOneTransaction");
        List<String> tried = new ArrayList<>();
        for (Method method : TenantTables.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || exempt.contains(method.getName())) {
                continue;
            }
            tried.add(method.getName());
            try {
                method.invoke(tables, arguments(method));
                fail(method + " ran with no caller bound");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause()).as(method.toString()).isInstanceOf(AccessDeniedException.class)
                        .hasMessageContaining("No caller is bound");
            }
        }
        assertThat(tried).contains("find", "findById", "list", "findJoined", "countJoined", "count", "insert",
                "insertAll", "insertTogether", "update", "updateWhere", "increment", "deleteWhere", "lock");
    }

    @Test
    void the_listed_cross_tenant_methods_work_with_no_caller_bound_and_see_every_tenant() {
        assertThat(tables.findAcrossTenants("notes", "id IN ('a2', 'b3')", List.of(), 10, ID))
                .containsExactly("a2", "b3");
        assertThat(tables.countAcrossTenants("notes", "beta")).isEqualTo(3);
        assertThat(tables.countWhereAcrossTenants("notes", "visibility = ?", List.of("private"))).isEqualTo(2);
        assertThat(tables.countWhereAcrossTenants("notes", "1 = 1", List.of(), 2)).isEqualTo(2);
        assertThat(tables.groupCountsAcrossTenants("notes", List.of()).stream()
                .filter(g -> g.values().equals(List.of("beta"))).mapToLong(g -> g.count()).sum()).isEqualTo(3);
        assertThat(tables.countPerTenantAcrossTenants("notes", "tenant_name <> ?", List.of("alpha")))
                .containsEntry("beta", 3L).doesNotContainKey("alpha");
        assertThat(tables.findJoinedAcrossTenants(WITH_TAGS, "t.tag", "n.id = 'a1'", List.of(), 10,
                rs -> rs.getString(1))).containsExactlyInAnyOrder("alpha-tag", "beta-tag");
        assertThat(tables.deleteAcrossTenants("notes", "gamma", "id = ?", List.of("g1"))).isEqualTo(1);
        assertThat(tables.countAcrossTenants("notes", "gamma")).isEqualTo(1);
        assertThat(tables.countAcrossTenants("notes", "beta")).as("other tenants' rows stay").isEqualTo(3);
    }

    @Test
    void a_transaction_commits_its_statements_together_or_not_at_all() {
        assertThatThrownBy(() -> as(ANN, () -> tables.inOneTransaction(() -> {
            tables.insert("notes", row("a20", "tenant"));
            throw new IllegalStateException("fails after the insert");
        }))).isInstanceOf(IllegalStateException.class);
        assertThat(as(ANN, () -> tables.findById("notes", "a20", ID))).isEmpty();
    }

    private Object[] arguments(Method method) {
        Type[] types = method.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i]);
        }
        return args;
    }

    private Object argument(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "notes";
        }
        if (raw == int.class) {
            return 1;
        }
        if (raw == Map.class) {
            return Map.of("body", "x");
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            if (element == TenantTables.NewRow.class) {
                return List.of(new TenantTables.NewRow("notes", row("z1", "tenant")));
            }
            if (element instanceof ParameterizedType p && p.getRawType() == Map.class) {
                return List.of(row("z2", "tenant"));
            }
            return element == String.class ? List.of("id") : List.of();
        }
        if (raw == java.util.Collection.class) {
            return List.of("id");
        }
        if (raw == RowMapper.class) {
            return ID;
        }
        if (raw == TableSpec.class) {
            return NOTES;
        }
        if (raw == ListQuery.class) {
            return ListQuery.all();
        }
        if (raw == TenantTables.Join.class) {
            return WITH_TAGS;
        }
        if (raw == FilterRules.LabelTable.class) {
            return new FilterRules.LabelTable("note_tags", "note_id");
        }
        throw new IllegalStateException("No test argument for " + type + ": add one");
    }

    private void note(String id, String visibility) {
        tables.insert("notes", row(id, visibility));
    }

    private void tag(String id, String noteId, String tag) {
        tables.insert("note_tags", tagRow(id, noteId, tag));
    }

    private Map<String, Object> row(String id, String visibility) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("visibility", visibility);
        row.put("created_at", next());
        row.put("body", id + " body");
        return row;
    }

    private Map<String, Object> tagRow(String id, String noteId, String tag) {
        return new LinkedHashMap<>(Map.of("id", id, "visibility", "tenant", "created_at", next(), "note_id", noteId,
                "tag", tag));
    }

    /** Creation times one second apart, so reads ordered by creation have one answer. */
    private synchronized Instant next() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    private static <T> T as(Caller caller, Supplier<T> work) {
        try (var bound = CallerScope.bind(caller)) {
            return work.get();
        }
    }

    private static void as(Caller caller, Runnable work) {
        try (var bound = CallerScope.bind(caller)) {
            work.run();
        }
    }

}
