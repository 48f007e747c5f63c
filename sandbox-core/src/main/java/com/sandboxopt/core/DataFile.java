package com.sandboxopt.core;

/**
 * One file of a data source.
 *
 * @param name      its name, without folders (e.g. {@code bids.csv}); a job reads it at {@code data/<name>}
 * @param sizeBytes its length
 * @param sha256    its SHA-256, lower-case hex
 */
public record DataFile(String name, long sizeBytes, String sha256) {
    /** The media type its extension suggests, e.g. {@code text/csv}; {@code application/octet-stream} when unknown. */
    public String contentType() {
        return MediaTypes.of(name);
    }
}
