package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.LogLevel;
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

/** The job_log table: the hot path, a chatty model can print a million lines. */
final class LogTable {
    /** Lines per executeBatch: bounds the driver's copy of the parameters; all still commit together. */
    static final int BATCH_SIZE = 5_000;

    private static final String COLUMNS = "job_id, seq, level, message, ts";
    private static final String INSERT = "INSERT INTO job_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    // "ORDER BY job_id, seq", not just seq: only then does H2 see that the primary key is already in
    // order and stop at the limit, instead of sorting every later line of the job (1M lines: 1 s, not 30 s)
    private static final String READ = "SELECT " + COLUMNS
            + " FROM job_log WHERE job_id = ? AND seq > ? ORDER BY job_id, seq LIMIT ?";
    private static final String READ_LEVEL = "SELECT " + COLUMNS
            + " FROM job_log WHERE job_id = ? AND seq > ? AND level = ? ORDER BY job_id, seq LIMIT ?";
    private static final String RAISE_LINE_COUNT = "UPDATE job_run SET line_count = ? WHERE id = ? AND line_count < ?";

    private final Jdbc jdbc;

    LogTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One prepared statement, JDBC batches, one commit. In the same transaction each job's line_count
     * rises to its highest stored seq (seqs have no gaps), so a running job shows its progress; that
     * update comes last so the job row stays locked only for a moment.
     */
    void append(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.inTransaction("Could not store log lines of " + jobsOf(lines), connection -> {
            Map<String, Long> maxSeqByJob = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                int pending = 0;
                for (LogLine line : lines) {
                    ps.setString(1, line.jobId());
                    ps.setLong(2, line.seq());
                    ps.setString(3, (line.level() == null ? LogLevel.INFO : line.level()).name());
                    ps.setString(4, line.message() == null ? "" : line.message());
                    Timestamps.set(ps, 5, line.timestamp());
                    ps.addBatch();
                    maxSeqByJob.merge(line.jobId(), line.seq(), Math::max);
                    if (++pending == BATCH_SIZE) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            raiseLineCounts(connection, maxSeqByJob);
            return null;
        });
    }

    List<LogLine> read(String jobId, LogQuery query) {
        return jdbc.run("Could not read log lines of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(query.level() == null ? READ : READ_LEVEL)) {
                int index = 1;
                ps.setString(index++, jobId);
                ps.setLong(index++, query.afterSeq());
                if (query.level() != null) {
                    ps.setString(index++, query.level().name());
                }
                ps.setInt(index, query.limit());
                List<LogLine> lines = new ArrayList<>(Math.min(query.limit(), 1_024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new LogLine(rs.getString(1), rs.getLong(2), LogLevel.valueOf(rs.getString(3)),
                                rs.getString(4), Timestamps.get(rs, 5)));
                    }
                }
                return lines;
            }
        });
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
