package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.ModelType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The job queue several nodes share on PostgreSQL: queued jobs are rows of {@code job_run}, a node claims the
 * oldest with {@code FOR UPDATE SKIP LOCKED} (so no two nodes take the same one and none waits for another),
 * cancels reach a job wherever it runs, and the jobs of a node that stopped beating are ended or queued again.
 */
public final class QueueTable {
    private static final String RUNNING = JobStatus.RUNNING.wireName();
    private static final String QUEUED = JobStatus.QUEUED.wireName();

    /** A job this node claimed: as accepted, with its limits and which claim this is (1 first, 2 after a re-queue). */
    public record Claimed(Job job, String limitsJson, int attempt) {
    }

    /** A queued job whose deadline passed before any node claimed it: it ended {@code timed_out}. */
    public record Expired(String jobId, ModelType modelType, Instant deadline) {
    }

    /** A job of a stopped node: failed, or queued again. */
    public record Reaped(String jobId, ModelType modelType, String nodeId, boolean requeued) {
    }

    private final Jdbc jdbc;
    private final JobTable jobs;

    QueueTable(Jdbc jdbc, JobTable jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /** Stores an accepted job as queued, with what another node needs to run it. */
    public void insertQueued(Job job, String limitsJson) {
        jobs.insert(job, limitsJson);
    }

    /** A user's queued jobs, on every node. */
    public long countQueued(String owner) {
        return jdbc.run("Could not count the queued jobs of " + owner, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT COUNT(*) FROM job_run WHERE owner = ? AND status = ?")) {
                ps.setString(1, owner);
                ps.setString(2, QUEUED);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public long countQueued() {
        return jdbc.run("Could not count queued jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM job_run WHERE status = ?")) {
                ps.setString(1, QUEUED);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** A restarted node's jobs that were running when it stopped; queued jobs stay for whichever node is free. */
    public int failOwnUnfinished(String nodeId, String error, Instant at) {
        return end("node_id", nodeId, RUNNING, JobStatus.FAILED, error, at);
    }

    /**
     * Takes the next queued job this node can run (its runtime is one of {@code runtimes}, wire names), marking it
     * running; empty when none is queued. The next is the one of the highest priority; among equals, the job of the
     * user whose last job started longest ago (users in turn), each user's oldest first; a user already running
     * {@code runningPerUser} jobs on any node (0: no limit) waits. Jobs without an owner are one user's, without limit.
     */
    public Optional<Claimed> claim(String nodeId, List<String> runtimes, Instant at, int runningPerUser) {
        if (runtimes.isEmpty()) {
            return Optional.empty();
        }
        String oneOf = String.join(", ", Collections.nCopies(runtimes.size(), "?"));
        return jdbc.run("Could not claim a queued job", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, node_id = ?,"
                    + " started_at = ?, attempts = attempts + 1, cancel_requested = FALSE WHERE id = (SELECT q.id"
                    + " FROM job_run q WHERE q.status = ? AND q.runtime IN (" + oneOf + ") AND (? = 0 OR q.owner IS NULL"
                    + " OR (SELECT COUNT(*) FROM job_run r WHERE r.owner = q.owner AND r.status = ?) < ?)"
                    + " ORDER BY q.priority DESC, (SELECT MAX(r.started_at) FROM job_run r WHERE r.owner = q.owner)"
                    + " NULLS FIRST, q.created_at, q.id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    + " RETURNING " + JobTable.COLUMNS + ", limits, attempts")) {
                ps.setString(1, RUNNING);
                ps.setString(2, nodeId);
                Timestamps.set(ps, 3, at);
                ps.setString(4, QUEUED);
                int next = 5;
                for (String runtime : runtimes) {
                    ps.setString(next++, runtime);
                }
                ps.setInt(next++, runningPerUser);
                ps.setString(next++, RUNNING);
                ps.setInt(next, runningPerUser);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Claimed(JobTable.job(rs),
                            rs.getString(JobTable.COLUMN_COUNT + 1), rs.getInt(JobTable.COLUMN_COUNT + 2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** Ends a job nobody claimed yet as cancelled; false when it is no longer queued. */
    public boolean cancelQueued(String jobId, String error, Instant at) {
        return end("id", jobId, QUEUED, JobStatus.CANCELLED, error, at) == 1;
    }

    /**
     * Ends the queued jobs whose deadline has passed as {@code timed_out}, each with the error {@code error} words for
     * its deadline. A job a node is claiming meanwhile is left to it (its runner ends it the same way), and of several
     * nodes doing this at once each job is ended by one.
     */
    public List<Expired> expireQueued(Instant at, Function<Instant, String> error) {
        return jdbc.inTransaction("Could not end the queued jobs past their deadline", connection -> {
            List<Expired> due = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, model_type, deadline FROM job_run"
                    + " WHERE status = ? AND deadline <= ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, QUEUED);
                Timestamps.set(ps, 2, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Expired(rs.getString(1), ModelType.valueOf(rs.getString(2)), Timestamps.get(rs, 3)));
                    }
                }
            }
            for (Expired job : due) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "UPDATE job_run SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
                    ps.setString(1, JobStatus.TIMED_OUT.wireName());
                    ps.setString(2, error.apply(job.deadline()));
                    Timestamps.set(ps, 3, at);
                    ps.setString(4, job.jobId());
                    ps.executeUpdate();
                }
            }
            return due;
        });
    }

    /** Ends the jobs whose {@code column} is {@code value} and whose status is {@code from}; returns how many. */
    private int end(String column, String value, String from, JobStatus to, String error, Instant at) {
        return jdbc.run("Could not end the " + from + " jobs of " + column + " " + value, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, error = ?,"
                    + " finished_at = ? WHERE " + column + " = ? AND status = ?")) {
                ps.setString(1, to.wireName());
                ps.setString(2, error);
                Timestamps.set(ps, 3, at);
                ps.setString(4, value);
                ps.setString(5, from);
                return ps.executeUpdate();
            }
        });
    }

    /** Those of the jobs that have ended, in one query however many are asked about. */
    public List<String> endedAmong(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return jdbc.run("Could not look up the ends of " + jobIds.size() + " jobs", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id FROM job_run WHERE id = ANY (?) AND status NOT IN (?, ?)")) {
                ps.setArray(1, connection.createArrayOf("varchar", jobIds.toArray()));
                ps.setString(2, QUEUED);
                ps.setString(3, RUNNING);
                List<String> ended = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(rs.getString(1));
                    }
                }
                return ended;
            }
        });
    }

    /** Asks the node running the job to cancel it; false when it is not running. */
    public boolean requestCancel(String jobId) {
        return jdbc.run("Could not cancel job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE job_run SET cancel_requested = TRUE WHERE id = ? AND status = ?")) {
                ps.setString(1, jobId);
                ps.setString(2, RUNNING);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The node's running jobs that a cancel was sent for. */
    public List<String> cancelsRequested(String nodeId) {
        return jdbc.run("Could not read cancel requests", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id FROM job_run WHERE node_id = ? AND status = ? AND cancel_requested")) {
                ps.setString(1, nodeId);
                ps.setString(2, RUNNING);
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

    /** The seq of the job's last stored line, 0 when none: a job run again continues its numbering. */
    public long lastLogSeq(String jobId) {
        return jdbc.run("Could not read the log of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(last_seq) FROM job_log WHERE job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Ends the running jobs of every node silent for longer than {@code timeout}, and forgets the node. With
     * {@code requeue}, a job claimed once is queued again instead. Each stopped node is handled by one node only.
     */
    public List<Reaped> reapStoppedNodes(Duration timeout, boolean requeue, Instant at) {
        return jdbc.inTransaction("Could not end the jobs of stopped nodes", connection -> {
            List<String> stopped = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM sandbox_node WHERE heartbeat_at"
                    + " < CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond' FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, timeout.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stopped.add(rs.getString(1));
                    }
                }
            }
            List<Reaped> reaped = new ArrayList<>();
            for (String nodeId : stopped) {
                if (requeue) {
                    try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, node_id = NULL,"
                            + " started_at = NULL WHERE node_id = ? AND status = ? AND attempts < 2 RETURNING id, model_type")) {
                        ps.setString(1, QUEUED);
                        ps.setString(2, nodeId);
                        ps.setString(3, RUNNING);
                        collect(ps, nodeId, true, reaped);
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("UPDATE job_run SET status = ?, error = ?,"
                        + " finished_at = ? WHERE node_id = ? AND status = ? RETURNING id, model_type")) {
                    ps.setString(1, JobStatus.FAILED.wireName());
                    ps.setString(2, "interrupted: node " + nodeId + " stopped");
                    Timestamps.set(ps, 3, at);
                    ps.setString(4, nodeId);
                    ps.setString(5, RUNNING);
                    collect(ps, nodeId, false, reaped);
                }
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM sandbox_node WHERE id = ?")) {
                    ps.setString(1, nodeId);
                    ps.executeUpdate();
                }
            }
            return reaped;
        });
    }

    private static void collect(PreparedStatement ps, String nodeId, boolean requeued, List<Reaped> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Reaped(rs.getString(1), ModelType.valueOf(rs.getString(2)), nodeId, requeued));
            }
        }
    }
}
