package com.sandboxopt.server.config;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * HTTP settings that follow from the sandbox settings: without an API token the server listens on
 * localhost only (unless {@code micronaut.server.host} says otherwise), and the request size
 * limits let a model of {@code sandbox.max-upload-bytes} through while stopping larger bodies early.
 */
@Singleton
class ServerDefaults implements BeanCreatedEventListener<HttpServerConfiguration> {
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
        long limit = settings.maxUploadBytes() + MULTIPART_OVERHEAD;
        server.setMaxRequestSize(limit);
        server.getMultipart().setMaxFileSize(limit);
        return server;
    }
}
