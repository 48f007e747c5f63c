package com.sandboxopt.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The Python client's wheel as the build left it on the class path (module sandbox-client-python:
 * {@code client/python/wheel.properties} names it), read once: a few dozen kilobytes.
 *
 * @param fileName {@code sandboxopt-<version>-py3-none-any.whl}
 * @param version  its Python (PEP 440) version, the server's own: {@code 0.1.0-SNAPSHOT} is {@code 0.1.0.dev0}
 * @param sha256   of {@code bytes}, in hex, for the page's {@code #sha256=} fragment pip checks
 */
record PythonClientWheel(String fileName, String version, byte[] bytes, String sha256) {
    static final String FOLDER = "client/python/";

    /** The wheel, or empty when this build has none (the module sandbox-client-python was not built into it). */
    static Optional<PythonClientWheel> load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + "wheel.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            String fileName = properties.getProperty("wheel");
            try (InputStream wheel = loader.getResourceAsStream(FOLDER + fileName)) {
                if (wheel == null) {
                    return Optional.empty();
                }
                byte[] bytes = wheel.readAllBytes();
                return Optional.of(new PythonClientWheel(fileName, properties.getProperty("version"), bytes, sha256(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
