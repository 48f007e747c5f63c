package com.sandboxopt.core.internal.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in TIMESTAMP(6) WITH TIME ZONE columns, through the JDBC 4.2 mapping to OffsetDateTime
 * (always UTC going in), so they round-trip to the microsecond whatever the JVM's time zone. A finer
 * instant is cut to the microsecond, as PostgreSQL would, so H2 stores what PostgreSQL stores.
 */
final class Timestamps {
    private Timestamps() {
    }

    static void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    static Instant get(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
