package com.sandboxopt.server.config;

import com.sandboxopt.server.security.SecuritySettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * HTTP settings that follow from the sandbox settings: without an API token or users the server listens on
 * localhost only (unless {@code micronaut.server.host} says otherwise); Micronaut's request size limit
 * lets through what a refused upload may still send before its 413 (each endpoint's own limit, checked
 * from {@code Content-Length}, and the reading of a refused body to its end are
 * {@link com.sandboxopt.server.api.UploadSizeFilter}'s), while a multipart file part stays within the
 * larger of a model of {@code sandbox.max-upload-bytes} and a data source of
 * {@code sandbox.data-sources.max-bytes} plus 1 MiB; and multipart
 * parts are written to disk as they arrive, never collected in the heap, unless
 * {@code micronaut.server.multipart.mixed} asks for small parts in memory.
 */
@Singleton
public class ServerDefaults implements BeanCreatedEventListener<HttpServerConfiguration> {
    static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final SandboxSettings settings;
    private final SecuritySettings security;

    ServerDefaults(SandboxSettings settings, SecuritySettings security) {
        this.settings = settings;
        this.security = security;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        if (server.getHost().isEmpty() && !settings.tokenRequired() && !security.enabled()) {
            server.setHost("127.0.0.1");
        }
        long limit = requestLimit(settings);
        // Micronaut's own cap goes up to what a refused upload may still send: UploadSizeFilter keeps each
        // endpoint's limit (from Content-Length) and reads the body of an upload past it to its end before
        // answering 413, so that a client that writes the whole body first gets that answer, not a reset.
        server.setMaxRequestSize(Math.max(limit, Math.max(modelDrainLimit(settings), dataSourceDrainLimit(settings))));
        server.getMultipart().setMaxFileSize(limit);
        if (!server.getMultipart().isDisk() && !server.getMultipart().isMixed()) {
            server.getMultipart().setDisk(true);
        }
        if (server.getMultipart().getLocation().isEmpty()) {
            server.getMultipart().setLocation(uploadFolder(Path.of(settings.dataDir(), "uploads")).toFile());
        }
        return server;
    }

    /** Where parts wait while a request arrives; what a stopped server left there is removed. */
    private static Path uploadFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> left = Files.list(folder)) {
                for (Path file : left.filter(f -> f.getFileName().toString().startsWith("FUp_")).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The largest request body: a model or a data source upload, plus multipart overhead. */
    public static long requestLimit(SandboxSettings settings) {
        return Math.max(settings.maxUploadBytes(), settings.dataSourceLimits().maxBytes()) + MULTIPART_OVERHEAD;
    }

    /** The largest body of a model upload ({@code POST /api/optimization/upload}). */
    public static long modelUploadLimit(SandboxSettings settings) {
        return settings.maxUploadBytes() + MULTIPART_OVERHEAD;
    }

    /** The largest body of a data source upload ({@code POST /api/optimization/data-sources}). */
    public static long dataSourceUploadLimit(SandboxSettings settings) {
        return settings.dataSourceLimits().maxBytes() + MULTIPART_OVERHEAD;
    }

    /**
     * How large a refused model upload may be and still be read to its end before the 413 (so that a client
     * that sends the whole body before it reads, such as Python's urllib, gets the answer): 4 times its
     * limit, at most {@code sandbox.upload-drain-bytes}; past it the answer comes at once and the connection closes.
     */
    public static long modelDrainLimit(SandboxSettings settings) {
        return drainLimitOf(modelUploadLimit(settings), settings.uploadDrainBytes());
    }

    /** As {@link #modelDrainLimit} for a data source upload. */
    public static long dataSourceDrainLimit(SandboxSettings settings) {
        return drainLimitOf(dataSourceUploadLimit(settings), settings.uploadDrainBytes());
    }

    /** 4 times {@code limit}, at most {@code cap}, never below {@code limit}. */
    public static long drainLimitOf(long limit, long cap) {
        long fourTimes = limit > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * limit;
        return Math.max(limit, Math.min(fourTimes, cap));
    }
}
