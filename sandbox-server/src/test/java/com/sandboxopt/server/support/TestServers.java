package com.sandboxopt.server.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Real embedded servers on free ports, started once per test JVM and shared by the test classes
 * (the first GraalPy context costs seconds): an open one, and a strict one with an API token,
 * one job at a time, no queue, a WebSocket queue of 16 messages per client and event streams kept alive every second.
 */
public final class TestServers {
    public static final String TOKEN = "s3cret-token";

    private static EmbeddedServer open;
    private static EmbeddedServer strict;

    private TestServers() {
    }

    public static synchronized Api open() {
        if (open == null) {
            open = start("open", Map.of("sandbox.pool-size", 2));
        }
        return new Api(open.getURI(), null);
    }

    public static synchronized Api strict(boolean withToken) {
        if (strict == null) {
            strict = start("strict", Map.of("sandbox.pool-size", 1, "sandbox.queue-length", 0, "sandbox.api-token", TOKEN,
                    "sandbox.websocket-queue", 16, "sandbox.pre-imports", "math, heapq",
                    "sandbox.learn-imports", false, "sandbox.event-stream-keep-alive", "1s"));
        }
        return new Api(strict.getURI(), withToken ? TOKEN : null);
    }

    /** A server of the caller's own, for settings no shared server has; the caller closes it. */
    public static EmbeddedServer startOwn(String name, Map<String, Object> extra) {
        return ApplicationContext.run(EmbeddedServer.class, properties(name, extra));
    }

    public static Api api(EmbeddedServer server) {
        return new Api(server.getURI(), null);
    }

    /** A client of the server sending {@code Authorization: Bearer <token>}. */
    public static Api api(EmbeddedServer server, String token) {
        return new Api(server.getURI(), token);
    }

    private static EmbeddedServer start(String name, Map<String, Object> extra) {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(name, extra));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /** The test settings of every server: a free port, a fresh data folder (unless given), a 2-minute job limit. */
    public static Map<String, Object> properties(String name, Map<String, Object> extra) {
        try {
            Map<String, Object> properties = new HashMap<>(extra);
            properties.put("micronaut.server.port", -1);
            if (!properties.containsKey("sandbox.data-dir")) {
                properties.put("sandbox.data-dir", Files.createTempDirectory("sandbox-server-" + name).toString());
            }
            properties.put("sandbox.limits.timeout", "2m");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
