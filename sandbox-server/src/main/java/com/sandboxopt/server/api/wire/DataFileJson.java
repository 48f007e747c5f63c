package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.sandboxopt.core.DataFile;

/** One file of a data source version. */
public record DataFileJson(String name, @JsonProperty("size_bytes") long sizeBytes, String sha256) {

    public static DataFileJson of(DataFile file) {
        return new DataFileJson(file.name(), file.sizeBytes(), file.sha256());
    }
}
