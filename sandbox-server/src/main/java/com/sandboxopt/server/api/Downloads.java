package com.sandboxopt.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;

import java.io.InputStream;
import java.time.Instant;

/**
 * Stored files as attachments, streamed from their input stream in chunks (never read whole into
 * memory), with their length when known (else sent chunked), a media type, and headers that keep a browser from running what it
 * downloads (an HTML or SVG file from a model is data, not a page of this server).
 */
final class Downloads {
    private Downloads() {
    }

    /**
     * {@code content} as an attachment named after the last part of {@code name}; the server closes
     * the stream once it is sent (or the client went away). {@code length} -1: unknown, {@code modified}
     * null: no Last-Modified.
     */
    static HttpResponse<StreamedFile> attachment(InputStream content, String name, String contentType, long length,
                                                 Instant modified) {
        MediaType type;
        try {
            type = MediaType.of(contentType == null || contentType.isBlank() ? MediaType.APPLICATION_OCTET_STREAM : contentType);
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        StreamedFile file = new StreamedFile(content, type, modified == null ? -1 : modified.toEpochMilli(), length)
                .attach(fileName);
        return HttpResponse.ok(file)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-cache");
    }
}
