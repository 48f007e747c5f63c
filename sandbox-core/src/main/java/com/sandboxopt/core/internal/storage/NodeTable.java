package com.sandboxopt.core.internal.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/**
 * The nodes sharing one PostgreSQL database ({@code sandbox_node}): registration and heartbeats. Times of
 * liveness are the database's clock, so the nodes' clocks need not agree.
 */
public final class NodeTable {
    private final Jdbc jdbc;

    NodeTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the node, or takes over its row after a restart. */
    public void registerNode(String nodeId) {
        jdbc.run("Could not register node " + nodeId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO sandbox_node (id, started_at, heartbeat_at)"
                    + " VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT (id) DO UPDATE"
                    + " SET started_at = CURRENT_TIMESTAMP, heartbeat_at = CURRENT_TIMESTAMP")) {
                ps.setString(1, nodeId);
                return ps.executeUpdate();
            }
        });
    }

    /** How long ago the node last beat, by the database's clock; empty when no such node is registered. */
    public Optional<Duration> silence(String nodeId) {
        return jdbc.run("Could not read node " + nodeId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP"
                    + " - heartbeat_at)) * 1000 FROM sandbox_node WHERE id = ?")) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Duration.ofMillis(rs.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    /** Renews the node's heartbeat; registers it again when another node had taken it for stopped. */
    public boolean heartbeat(String nodeId) {
        int updated = jdbc.run("Could not renew the heartbeat of node " + nodeId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE sandbox_node SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                ps.setString(1, nodeId);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            registerNode(nodeId);
        }
        return updated > 0;
    }
}
