package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.core.ScheduleMisfire;
import com.sandboxopt.core.ScheduleOverlap;
import com.sandboxopt.core.ScheduleSkip;
import com.sandboxopt.core.internal.util.Json;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The job_schedule and schedule_skip tables, and the questions a firing asks of job_run. */
public final class ScheduleTable {
    private static final String COLUMNS = "id, name, model_id, follow_latest, cron, timezone, after_schedule, config,"
            + " data_source_id, data_sources, runtime, overlap, misfire, deadline, publish_as, enabled, priority, owner,"
            + " created_at, updated_at";

    /** A stored schedule's row. */
    public record Row(String id, ScheduleDraft draft, String owner, Instant createdAt, Instant updatedAt) {
    }

    private final Jdbc jdbc;

    ScheduleTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row) {
        jdbc.run("Could not store schedule " + row.id(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO job_schedule (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, row.id());
                int next = bindDraft(ps, 2, row.draft());
                ps.setString(next, row.owner());
                Timestamps.set(ps, next + 1, row.createdAt());
                Timestamps.set(ps, next + 2, row.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    /** Returns false when there is no such schedule. */
    public boolean update(String id, ScheduleDraft draft, Instant at) {
        return jdbc.run("Could not update schedule " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE job_schedule SET name = ?, model_id = ?,"
                    + " follow_latest = ?, cron = ?, timezone = ?, after_schedule = ?, config = ?, data_source_id = ?,"
                    + " data_sources = ?, runtime = ?, overlap = ?, misfire = ?, deadline = ?, publish_as = ?,"
                    + " enabled = ?, priority = ?, updated_at = ? WHERE id = ?")) {
                int next = bindDraft(ps, 1, draft);
                Timestamps.set(ps, next, at);
                ps.setString(next + 1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean delete(String id) {
        return jdbc.inTransaction("Could not delete schedule " + id, connection -> {
            try (PreparedStatement skips = connection.prepareStatement("DELETE FROM schedule_skip WHERE schedule_id = ?");
                 PreparedStatement ps = connection.prepareStatement("DELETE FROM job_schedule WHERE id = ?")) {
                skips.setString(1, id);
                skips.executeUpdate();
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<Row> find(String id) {
        return jdbc.run("Could not read schedule " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM job_schedule WHERE id = ?")) {
                ps.setString(1, id);
                List<Row> rows = rows(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** Every schedule, by name. */
    public List<Row> list() {
        return jdbc.run("Could not list schedules", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM job_schedule ORDER BY name, id")) {
                return rows(ps);
            }
        });
    }

    /** The schedules that run after {@code scheduleId}'s jobs succeed. */
    public List<Row> runningAfter(String scheduleId) {
        return jdbc.run("Could not list the schedules after " + scheduleId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM job_schedule WHERE after_schedule = ? ORDER BY name, id")) {
                ps.setString(1, scheduleId);
                return rows(ps);
            }
        });
    }

    /** Records a firing that started no job; false when that firing is already recorded (by any node). */
    public boolean recordSkip(String scheduleId, Instant scheduledFor, String reason, Instant at) {
        if (firingKnown(scheduleId, scheduledFor)) {
            return false;
        }
        try {
            return jdbc.run("Could not record a skipped firing of " + scheduleId, connection -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO schedule_skip (schedule_id,"
                        + " scheduled_for, reason, recorded_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, scheduleId);
                    Timestamps.set(ps, 2, scheduledFor);
                    ps.setString(3, reason);
                    Timestamps.set(ps, 4, at);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (RuntimeException e) {
            if (firingKnown(scheduleId, scheduledFor)) {
                return false; // another node recorded it first
            }
            throw e;
        }
    }

    /** The skipped firings, newest first. */
    public List<ScheduleSkip> skips(String scheduleId, int limit) {
        return jdbc.run("Could not read the skipped firings of " + scheduleId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT scheduled_for, reason, recorded_at FROM"
                    + " schedule_skip WHERE schedule_id = ? ORDER BY scheduled_for DESC LIMIT ?")) {
                ps.setString(1, scheduleId);
                ps.setInt(2, limit);
                List<ScheduleSkip> skips = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        skips.add(new ScheduleSkip(Timestamps.get(rs, 1), rs.getString(2), Timestamps.get(rs, 3)));
                    }
                }
                return skips;
            }
        });
    }

    /** Whether a job was started or a skip recorded for this firing. */
    public boolean firingKnown(String scheduleId, Instant scheduledFor) {
        return jdbc.run("Could not look up a firing of " + scheduleId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT (SELECT COUNT(*) FROM job_run WHERE"
                    + " schedule_id = ? AND scheduled_for = ?) + (SELECT COUNT(*) FROM schedule_skip WHERE"
                    + " schedule_id = ? AND scheduled_for = ?)")) {
                ps.setString(1, scheduleId);
                Timestamps.set(ps, 2, scheduledFor);
                ps.setString(3, scheduleId);
                Timestamps.set(ps, 4, scheduledFor);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            }
        });
    }

    /** The schedule's jobs that are queued or running, oldest first. */
    public List<String> unfinishedJobs(String scheduleId) {
        return jdbc.run("Could not read the running jobs of " + scheduleId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM job_run WHERE schedule_id = ?"
                    + " AND status IN (?, ?) ORDER BY created_at, id")) {
                ps.setString(1, scheduleId);
                ps.setString(2, JobStatus.QUEUED.wireName());
                ps.setString(3, JobStatus.RUNNING.wireName());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    private static int bindDraft(PreparedStatement ps, int first, ScheduleDraft draft) throws SQLException {
        ps.setString(first, draft.name());
        ps.setString(first + 1, draft.modelId());
        ps.setBoolean(first + 2, draft.followLatest());
        ps.setString(first + 3, draft.cron());
        ps.setString(first + 4, draft.timezone());
        ps.setString(first + 5, draft.after());
        ps.setString(first + 6, Json.write(draft.config()));
        ps.setString(first + 7, draft.dataSourceId());
        ps.setString(first + 8, draft.dataSources().isEmpty() ? null : Json.write(draft.dataSources()));
        ps.setString(first + 9, draft.runtime() == null ? null : draft.runtime().wireName());
        ps.setString(first + 10, draft.overlap().wireName());
        ps.setString(first + 11, draft.misfire().wireName());
        ps.setString(first + 12, draft.deadline() == null ? null : draft.deadline().toString());
        ps.setString(first + 13, draft.publishAs());
        ps.setBoolean(first + 14, draft.enabled());
        ps.setInt(first + 15, draft.priority());
        return first + 16;
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (rs.getString(10) != null) {
            Json.readObject(rs.getString(10)).forEach((alias, id) -> aliases.put(alias, String.valueOf(id)));
        }
        ScheduleDraft draft = new ScheduleDraft(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Json.readObject(rs.getString(8)), rs.getString(9), aliases,
                rs.getString(11) == null ? null : RuntimeKind.parse(rs.getString(11)),
                ScheduleOverlap.parse(rs.getString(12)), ScheduleMisfire.parse(rs.getString(13)),
                rs.getString(14) == null ? null : Duration.parse(rs.getString(14)), rs.getString(15),
                rs.getBoolean(16), rs.getInt(17));
        return new Row(rs.getString(1), draft, rs.getString(18), Timestamps.get(rs, 19), Timestamps.get(rs, 20));
    }
}
