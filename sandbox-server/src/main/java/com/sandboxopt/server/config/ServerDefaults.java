package com.sandboxopt.server.config;

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
 * HTTP settings that follow from the sandbox settings: without an API token the server listens on
 * localhost only (unless {@code micronaut.server.host} says otherwise); the request size limits let
 * the larger of a model of {@code sandbox.max-upload-bytes} and a data source of
 * {@code sandbox.data-sources.max-bytes} through while stopping larger bodies early (model uploads
 * keep their own, smaller limit: {@link com.sandboxopt.server.api.UploadSizeFilter}); and multipart
 * parts are written to disk as they arrive, never collected in the heap, unless
 * {@code micronaut.server.multipart.mixed} asks for small parts in memory.
 */
@Singleton
public class ServerDefaults implements BeanCreatedEventListener<HttpServerConfiguration> {
    static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final SandboxSettings settings;

    ServerDefaults(SandboxSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        if (server.getHost().isEmpty() && !settings.tokenRequired()) {
            server.setHost("127.0.0.1");
        }
        long limit = requestLimit(settings);
        server.setMaxRequestSize(limit);
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
}
