package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.AuditEntry;
import com.sandboxopt.core.AuditQuery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit_entry table. Inserts and reads only: the trail is append-only, and this class is the only code that
 * names the table (a test keeps it so).
 */
public final class AuditTable {
    private final Jdbc jdbc;

    AuditTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public AuditEntry insert(AuditEntry entry, Instant at) {
        return jdbc.run("Could not record an audit entry", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit_entry (at, actor, action,"
                    + " target, outcome, remote_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Timestamps.set(ps, 1, at);
                ps.setString(2, cut(entry.actor(), 64));
                ps.setString(3, cut(entry.action(), 64));
                ps.setString(4, cut(entry.target(), 255));
                ps.setString(5, cut(entry.outcome(), 32));
                ps.setString(6, cut(entry.remoteAddress(), 64));
                ps.setString(7, cut(entry.detail(), 1000));
                ps.executeUpdate();
                long id = 0;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (keys.next()) {
                        id = keys.getLong(1);
                    }
                }
                return new AuditEntry(id, at, cut(entry.actor(), 64), cut(entry.action(), 64),
                        cut(entry.target(), 255), cut(entry.outcome(), 32), cut(entry.remoteAddress(), 64),
                        cut(entry.detail(), 1000));
            }
        });
    }

    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, outcome, remote_address, detail"
                + " FROM audit_entry WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.action() != null) {
            if (query.action().endsWith(".")) {
                sql.append(" AND action LIKE ?");
                args.add(query.action() + "%");
            } else {
                sql.append(" AND (action = ? OR action LIKE ?)");
                args.add(query.action());
                args.add(query.action() + ".%");
            }
        }
        if (query.since() != null) {
            sql.append(" AND at >= ?");
            args.add(query.since());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(query.limit());
        return jdbc.run("Could not read the audit trail", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i) instanceof Instant instant) {
                        Timestamps.set(ps, i + 1, instant);
                    } else {
                        ps.setString(i + 1, (String) args.get(i));
                    }
                }
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getLong(1), Timestamps.get(rs, 2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
                return entries;
            }
        });
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
