package io.steward.tenancy.manager;

import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Maintenance mode's one row ({@code maintenance_mode}): every server of a cluster reads the same state. Each change is
 * a compare-and-set on the status, so two administrators activating at once make one request, not two.
 */
@Singleton
public class MaintenanceStore {
    private static final String ROW = "manager";

    private final TenancyStatements database;

    MaintenanceStore(TenancyStatements database) {
        this.database = database;
    }

    public MaintenanceState current() {
        return database.read(c -> Sql.queryOne(c, "SELECT * FROM maintenance_mode WHERE name = ?", List.of(ROW),
                rs -> new MaintenanceState(MaintenanceState.Status.valueOf(rs.getString("status").toUpperCase(
                        java.util.Locale.ROOT)), Sql.instant(rs, "activation_requested_at"),
                        Sql.instant(rs, "activated_at"), rs.getString("requested_by")))
                .orElseThrow(() -> new IllegalStateException("maintenance_mode has no row: a migration is missing")));
    }

    /** {@code deactivated → activating}, recording who asked and when; false when it was not deactivated. */
    public boolean request(String username, Instant at) {
        return database.write(c -> Sql.update(c, "UPDATE maintenance_mode SET status = 'activating',"
                + " activation_requested_at = ?, activated_at = NULL, requested_by = ? WHERE name = ?"
                + " AND status = 'deactivated'", Arrays.asList(at, username, ROW))) == 1;
    }

    /** {@code activating → activated}; false when another server flipped it first or it was deactivated meanwhile. */
    public boolean activate(Instant at) {
        return database.write(c -> Sql.update(c, "UPDATE maintenance_mode SET status = 'activated', activated_at = ?"
                + " WHERE name = ? AND status = 'activating'", List.of(at, ROW))) == 1;
    }

    /** {@code activating|activated → deactivated}; false when it already was deactivated. */
    public boolean deactivate() {
        return database.write(c -> Sql.update(c, "UPDATE maintenance_mode SET status = 'deactivated'"
                + " WHERE name = ? AND status <> 'deactivated'", List.of(ROW))) == 1;
    }
}
