package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.sandboxopt.core.DataSource;

import java.util.List;

/**
 * A data source version with its files; field names as a model's. {@code producedBy}: the job whose {@code output/}
 * it is (publishAs), null for an upload.
 */
public record DataSourceJson(String id, String name, int version, String description, List<DataFileJson> files,
                             @JsonProperty("size_bytes") long sizeBytes,
                             @JsonProperty("uploaded_at") String uploadedAt,
                             String status, String producedBy, String owner) {

    public static DataSourceJson of(DataSource source) {
        return new DataSourceJson(source.id(), source.name(), source.version(), source.description(),
                source.files().stream().map(DataFileJson::of).toList(), source.sizeBytes(),
                Times.iso(source.uploadedAt()), source.status().wireName(), source.producedBy(),
                source.owner());
    }
}
