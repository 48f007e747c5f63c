package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Log lines, the hot path: a chatty model can print a million lines. They are stored in chunks of
 * consecutive lines of one job (table job_log, see V1__schema.sql).
 */
final class LogTable {
    /** A chunk closes at this many lines or about this many message characters, whichever comes first. */
    static final int CHUNK_LINES = 1_000;
    static final int CHUNK_CHARS = 256 * 1024;

    private static final String INSERT = "INSERT INTO job_log (job_id, last_seq, first_seq, line_count, levels, lines)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    // not MAX(last_seq): H2 computes that by scanning every chunk of the job (a growing cost per
    // batch); the primary key read backwards gives the last chunk at once
    private static final String LAST_STORED_SEQ = "SELECT last_seq FROM job_log WHERE job_id = ?"
            + " ORDER BY job_id DESC, last_seq DESC LIMIT 1";
    // "ORDER BY job_id, last_seq" walks the primary key in order instead of sorting
    private static final String READ = "SELECT lines FROM job_log WHERE job_id = ? AND last_seq > ?"
            + " ORDER BY job_id, last_seq";
    private static final String READ_LEVEL = "SELECT lines FROM job_log WHERE job_id = ? AND last_seq > ?"
            + " AND MOD(levels / ?, 2) = 1 ORDER BY job_id, last_seq"; // the level's bit, in SQL H2 and PostgreSQL share
    private static final String RAISE_LINE_COUNT = "UPDATE job_run SET line_count = ? WHERE id = ? AND line_count < ?";

    private final Jdbc jdbc;

    LogTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * All lines in one transaction, as chunks per job. A line whose seq is not after the job's
     * last stored (or previous) line fails the whole batch. In the same transaction each job's
     * line_count rises to its highest stored seq (seqs have no gaps), so a running job shows its
     * progress; that update comes last so the job row stays locked only for a moment.
     */
    void append(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Map<String, List<LogLine>> byJob = new LinkedHashMap<>();
        for (LogLine line : lines) {
            byJob.computeIfAbsent(line.jobId(), id -> new ArrayList<>()).add(line);
        }
        jdbc.inTransaction("Could not store log lines of " + jobsOf(lines), connection -> {
            Map<String, Long> maxSeqByJob = new LinkedHashMap<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Map.Entry<String, List<LogLine>> job : byJob.entrySet()) {
                    checkOrder(job.getKey(), job.getValue(), lastStoredSeq(connection, job.getKey()));
                    insertChunks(insert, job.getKey(), job.getValue());
                    maxSeqByJob.put(job.getKey(), job.getValue().get(job.getValue().size() - 1).seq());
                }
                insert.executeBatch();
            }
            raiseLineCounts(connection, maxSeqByJob);
            return null;
        });
    }

    private static long lastStoredSeq(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LAST_STORED_SEQ)) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0; // no chunk yet
            }
        }
    }

    private static void checkOrder(String jobId, List<LogLine> lines, long lastStored) throws SQLException {
        long previous = lastStored;
        for (LogLine line : lines) {
            if (line.seq() <= previous) {
                throw new SQLException("line seq " + line.seq() + " of job " + jobId + " is not after seq " + previous
                        + (previous == lastStored ? " (already stored)" : " (lines of a job must come in seq order)"));
            }
            previous = line.seq();
        }
    }

    private static void insertChunks(PreparedStatement insert, String jobId, List<LogLine> lines) throws SQLException {
        int start = 0;
        int chars = 0;
        for (int i = 0; i < lines.size(); i++) {
            String message = lines.get(i).message();
            chars += message == null ? 0 : message.length();
            if (i + 1 - start == CHUNK_LINES || chars >= CHUNK_CHARS || i == lines.size() - 1) {
                addChunk(insert, jobId, lines.subList(start, i + 1));
                start = i + 1;
                chars = 0;
            }
        }
    }

    private static void addChunk(PreparedStatement insert, String jobId, List<LogLine> chunk) throws SQLException {
        int levels = 0;
        for (LogLine line : chunk) {
            levels |= LogChunkCodec.bit(LogChunkCodec.levelOf(line));
        }
        insert.setString(1, jobId);
        insert.setLong(2, chunk.get(chunk.size() - 1).seq());
        insert.setLong(3, chunk.get(0).seq());
        insert.setInt(4, chunk.size());
        insert.setInt(5, levels);
        insert.setBytes(6, LogChunkCodec.encode(chunk));
        insert.addBatch();
    }

    List<LogLine> read(String jobId, LogQuery query) {
        return jdbc.run("Could not read log lines of job " + jobId, connection -> readChunks(connection, jobId, query));
    }

    private static List<LogLine> readChunks(Connection connection, String jobId, LogQuery query) throws SQLException {
        List<LogLine> lines = new ArrayList<>(Math.min(query.limit(), 1_024));
        try (PreparedStatement ps = connection.prepareStatement(query.level() == null ? READ : READ_LEVEL)) {
            ps.setString(1, jobId);
            ps.setLong(2, query.afterSeq());
            if (query.level() != null) {
                ps.setInt(3, LogChunkCodec.bit(query.level()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (lines.size() < query.limit() && rs.next()) {
                    for (LogLine line : LogChunkCodec.decode(jobId, rs.getBytes(1))) {
                        if (line.seq() > query.afterSeq() && (query.level() == null || line.level() == query.level())
                                && lines.size() < query.limit()) {
                            lines.add(line);
                        }
                    }
                }
            }
        }
        return lines;
    }

    private static void raiseLineCounts(Connection connection, Map<String, Long> maxSeqByJob) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(RAISE_LINE_COUNT)) {
            for (Map.Entry<String, Long> entry : maxSeqByJob.entrySet()) {
                ps.setLong(1, entry.getValue());
                ps.setString(2, entry.getKey());
                ps.setLong(3, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Names the job(s) in a failure message without listing thousands of ids. */
    private static String jobsOf(List<LogLine> lines) {
        String first = lines.get(0).jobId();
        String last = lines.get(lines.size() - 1).jobId();
        return Objects.equals(first, last) ? "job " + first : "jobs " + first + " to " + last;
    }
}
