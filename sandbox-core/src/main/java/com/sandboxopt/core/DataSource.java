package com.sandboxopt.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of files a job can read under {@code data/}. Uploading again under the same name
 * makes the next version; each version has its own id.
 *
 * @param id          its id, e.g. {@code ds_1733000000000_ab12cd}
 * @param name        the name its versions share
 * @param version     1 for the first upload under its name, then 2, 3, ...
 * @param description optional, may be null
 * @param files       its files in upload order
 * @param sizeBytes   the files' total length
 * @param uploadedAt  when this version was stored
 * @param status      active, or archived (no new job may use it)
 * @param producedBy  the job whose {@code output/} this version is ({@code publishAs}); null for an upload
 * @param owner       the user who uploaded it (or whose job published it); null without users
 */
public record DataSource(String id, String name, int version, String description, List<DataFile> files,
                         long sizeBytes, Instant uploadedAt, DataSourceStatus status, String producedBy,
                         String owner) {
    public DataSource {
        files = List.copyOf(files);
    }

    /** An uploaded version. */
    public DataSource(String id, String name, int version, String description, List<DataFile> files, long sizeBytes,
                      Instant uploadedAt, DataSourceStatus status) {
        this(id, name, version, description, files, sizeBytes, uploadedAt, status, null, null);
    }

    /** A version without an owner. */
    public DataSource(String id, String name, int version, String description, List<DataFile> files, long sizeBytes,
                      Instant uploadedAt, DataSourceStatus status, String producedBy) {
        this(id, name, version, description, files, sizeBytes, uploadedAt, status, producedBy, null);
    }

    public Optional<DataFile> file(String fileName) {
        return files.stream().filter(file -> file.name().equals(fileName)).findFirst();
    }

    public DataSource withStatus(DataSourceStatus newStatus) {
        return new DataSource(id, name, version, description, files, sizeBytes, uploadedAt, newStatus, producedBy, owner);
    }
}
