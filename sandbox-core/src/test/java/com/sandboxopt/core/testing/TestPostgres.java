package com.sandboxopt.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started once per JVM from Debian's binaries ({@code apt-get install
 * postgresql}) in a temporary folder on a free loopback port, and stopped when the JVM ends. PostgreSQL refuses to
 * run as root, so as root it runs as the {@code postgres} user. Each {@link #newDatabase()} is empty.
 * With {@code SANDBOX_TEST_POSTGRES_URL} set (a {@code jdbc:postgresql://host:port/} base URL of a server whose
 * user {@code SANDBOX_TEST_POSTGRES_USER} may create databases), that server is used instead.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres server;

    private final String baseUrl;
    private final String user;
    private final String password;

    private TestPostgres(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.user = user;
        this.password = password;
    }

    /** A JDBC URL, user and password of a new, empty database. */
    public record Database(String url, String user, String password) {

        /**
         * One column of the row whose {@code id} is given, as every node sharing the database sees it; a row that is
         * not there fails the test.
         */
        public String value(String table, String id, String column) {
            try (Connection sql = DriverManager.getConnection(url, user, password);
                 java.sql.PreparedStatement ps = sql.prepareStatement(
                         "SELECT " + column + " FROM " + table + " WHERE id = ?")) {
                ps.setString(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new AssertionError("no row " + id + " in " + table);
                    }
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static synchronized TestPostgres get() {
        if (server == null) {
            String external = System.getenv("SANDBOX_TEST_POSTGRES_URL");
            server = external != null && !external.isBlank()
                    ? new TestPostgres(external, env("SANDBOX_TEST_POSTGRES_USER", "postgres"),
                            env("SANDBOX_TEST_POSTGRES_PASSWORD", ""))
                    : startLocal();
        }
        return server;
    }

    public Database newDatabase() {
        String name = "sandbox_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(baseUrl + "postgres", user, password);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " at " + baseUrl, e);
        }
        return new Database(baseUrl + name, user, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static TestPostgres startLocal() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path folder = Files.createTempDirectory("sandbox-pg-");
            Path data = folder.resolve("data");
            if (root) {
                run(List.of("chown", "postgres:postgres", folder.toString()), false);
            }
            int port = freePort();
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "sandbox",
                    "-E", "UTF8", "--no-sync", "--locale=C"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", folder.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, folder, root)));
            return new TestPostgres("jdbc:postgresql://127.0.0.1:" + port + "/", "sandbox", "");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a PostgreSQL server for the tests", e);
        }
    }

    private static void stop(Path bin, Path data, Path folder, boolean root) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), root);
        } catch (RuntimeException ignored) {
            // the JVM is ending; the folder goes anyway
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }

    /** Debian's layout: /usr/lib/postgresql/<major>/bin, the newest major. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> majors = Files.list(root)) {
            return majors.filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under " + root
                            + ": apt-get install postgresql (the tests start their own server)"));
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL under " + root
                    + ": apt-get install postgresql (the tests start their own server)", e);
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).directory(Path.of("/tmp").toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
