package com.sandboxopt.core.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * File bytes kept in the database ({@code file_blob}) by content hash, in parts of 1 MiB: what lets every
 * node read a data source or an artifact another node stored.
 */
public final class FileBlobTable {
    private static final int FILE_PART_BYTES = 1024 * 1024;

    private final Jdbc jdbc;

    FileBlobTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the file with this hash is kept in the database. */
    public boolean hasFile(String sha256) {
        return jdbc.run("Could not look up a stored file", connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM file_blob WHERE sha256 = ? AND part = 0")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Keeps the file's bytes in the database, in parts, in one transaction; content already there is left alone. */
    public void putFile(String sha256, Path file) {
        jdbc.inTransaction("Could not keep file " + sha256 + " in the database", connection -> {
            try (InputStream in = Files.newInputStream(file);
                 PreparedStatement ps = connection.prepareStatement("INSERT INTO file_blob (sha256, part, bytes)"
                         + " VALUES (?, ?, ?) ON CONFLICT (sha256, part) DO NOTHING")) {
                int part = 0;
                byte[] bytes;
                do {
                    bytes = in.readNBytes(FILE_PART_BYTES);
                    if (bytes.length > 0 || part == 0) { // an empty file still gets its part 0
                        ps.setString(1, sha256);
                        ps.setInt(2, part++);
                        ps.setBytes(3, bytes);
                        ps.executeUpdate();
                    }
                } while (bytes.length == FILE_PART_BYTES);
            } catch (IOException e) {
                throw new SQLException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Writes the file's bytes from the database to {@code out}; false when the database does not have it. */
    public boolean copyFile(String sha256, OutputStream out) {
        return jdbc.inTransaction("Could not read file " + sha256 + " from the database", connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT bytes FROM file_blob WHERE sha256 = ? ORDER BY part")) {
                ps.setFetchSize(1); // a part at a time: a file may be far larger than what should sit in memory
                ps.setString(1, sha256);
                boolean any = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(rs.getBytes(1));
                        any = true;
                    }
                }
                return any;
            } catch (IOException e) {
                throw new SQLException("cannot write file " + sha256 + ": " + e.getMessage(), e);
            }
        });
    }
}
