package com.sandboxopt.server.config;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The server's version, the project's Maven version ({@code 0.1.0-SNAPSHOT}), as the build wrote it into
 * {@code sandbox-version.properties}. The Python client it serves carries the same version in Python's form
 * ({@code 0.1.0.dev0}).
 */
@Singleton
public final class ServerVersion {
    private final String value;

    public ServerVersion() {
        Properties properties = new Properties();
        try (InputStream in = ServerVersion.class.getClassLoader().getResourceAsStream("sandbox-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.value = properties.getProperty("version", "unknown");
    }

    public String value() {
        return value;
    }
}
