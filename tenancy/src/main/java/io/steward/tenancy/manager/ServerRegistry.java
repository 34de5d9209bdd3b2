package io.steward.tenancy.manager;

import io.steward.tenancy.store.TenancyStatements;
import io.steward.tenancy.store.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The Steward servers sharing this database, each known by the row it beats ({@code servers}): what Cloudify's
 * {@code /managers} and {@code /cluster-status} list. Not tenant-owned, so it lives here rather than behind
 * {@code TenantTables}.
 */
@Singleton
public class ServerRegistry {
    private final TenancyStatements database;

    ServerRegistry(TenancyStatements database) {
        this.database = database;
    }

    /** Records that {@code server} is alive at {@code server.lastSeen()}; its first beat adds its row. */
    public void beat(Server server) {
        database.write(c -> {
            int updated = Sql.update(c, "UPDATE servers SET hostname = ?, private_ip = ?, public_ip = ?, version = ?,"
                    + " runs_engine = ?, last_seen = ? WHERE node_id = ?", List.of(server.hostname(),
                    server.privateIp(), server.publicIp(), server.version(), server.runsEngine(), server.lastSeen(),
                    server.nodeId()));
            if (updated == 0) {
                Sql.update(c, "INSERT INTO servers (node_id, hostname, private_ip, public_ip, version, runs_engine,"
                        + " started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", List.of(server.nodeId(),
                        server.hostname(), server.privateIp(), server.publicIp(), server.version(),
                        server.runsEngine(), server.startedAt(), server.lastSeen()));
            }
            return null;
        });
    }

    /** The servers whose last beat is not older than {@code since}, in the order they first joined. */
    public List<Server> seenSince(Instant since) {
        return database.read(c -> Sql.query(c, "SELECT * FROM servers WHERE last_seen >= ? ORDER BY id",
                List.of(since), ServerRegistry::map));
    }

    /** Removes the row of a server that stops cleanly, and of any server not seen since {@code before}. */
    public void forget(String nodeId, Instant before) {
        database.write(c -> Sql.update(c, "DELETE FROM servers WHERE node_id = ? OR last_seen < ?",
                List.of(nodeId, before)));
    }

    /** Removes the rows of servers not seen since {@code before}: a server killed outright leaves its row behind. */
    public void forgetSilent(Instant before) {
        database.write(c -> Sql.update(c, "DELETE FROM servers WHERE last_seen < ?", List.of(before)));
    }

    private static Server map(ResultSet rs) throws SQLException {
        return new Server(rs.getLong("id"), rs.getString("node_id"), rs.getString("hostname"),
                rs.getString("private_ip"), rs.getString("public_ip"), rs.getString("version"),
                rs.getBoolean("runs_engine"), Sql.instant(rs, "started_at"), Sql.instant(rs, "last_seen"));
    }

    /** One server: {@code id} is the database's number for it, {@code nodeId} the engine's owner name. */
    public record Server(long id, String nodeId, String hostname, String privateIp, String publicIp, String version,
                         boolean runsEngine, Instant startedAt, Instant lastSeen) {
    }
}
