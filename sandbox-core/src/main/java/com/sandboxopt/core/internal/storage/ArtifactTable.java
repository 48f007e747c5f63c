package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.Artifact;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The job_artifact table. */
final class ArtifactTable {
    private final Jdbc jdbc;

    ArtifactTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String jobId, List<Artifact> artifacts) {
        if (artifacts.isEmpty()) {
            return;
        }
        jdbc.inTransaction("Could not store the artifacts of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO job_artifact (job_id, name, size_bytes, sha256, content_type) VALUES (?, ?, ?, ?, ?)")) {
                for (Artifact artifact : artifacts) {
                    ps.setString(1, jobId);
                    ps.setString(2, artifact.name());
                    ps.setLong(3, artifact.sizeBytes());
                    ps.setString(4, artifact.sha256());
                    ps.setString(5, artifact.contentType());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /** By name. */
    List<Artifact> list(String jobId) {
        return jdbc.run("Could not list the artifacts of job " + jobId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT name, size_bytes, sha256, content_type FROM job_artifact WHERE job_id = ? ORDER BY name")) {
                ps.setString(1, jobId);
                List<Artifact> artifacts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        artifacts.add(new Artifact(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return artifacts;
            }
        });
    }
}
