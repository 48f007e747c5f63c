package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.internal.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column lists and the mapping between rows and records, kept in one place so they agree. */
final class Rows {
    static final String MODEL_COLUMNS =
            "id, model_name, file_name, model_type, status, description, size_bytes, uploaded_at";
    static final String JOB_COLUMNS = "id, model_id, model_name, model_type, status, config, data_source_id,"
            + " created_at, started_at, finished_at, error, result, log_file, line_count";
    static final String LOG_COLUMNS = "job_id, seq, level, message, ts";

    private Rows() {
    }

    static Model model(ResultSet rs) throws SQLException {
        return new Model(rs.getString(1), rs.getString(2), rs.getString(3), ModelType.valueOf(rs.getString(4)),
                ModelStatus.parse(rs.getString(5)), rs.getString(6), rs.getLong(7), instant(rs, 8));
    }

    static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), ModelType.valueOf(rs.getString(4)),
                JobStatus.parse(rs.getString(5)), Json.readObject(rs.getString(6)), rs.getString(7),
                instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getString(11), Json.read(rs.getString(12)),
                rs.getString(13), rs.getLong(14));
    }

    static LogLine logLine(ResultSet rs) throws SQLException {
        return new LogLine(rs.getString(1), rs.getLong(2), LogLevel.valueOf(rs.getString(3)), rs.getString(4),
                instant(rs, 5));
    }

    /** Instants go in as UTC offset date-times: the JDBC 4.2 mapping of TIMESTAMP WITH TIME ZONE. */
    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
