package com.sandboxopt.core.internal.assembly;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.files.PackageFolders;
import com.sandboxopt.core.internal.queue.Quotas;
import com.sandboxopt.core.internal.queue.shared.ClusterSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every check of the builder's settings, each naming the setting that is wrong (as HikariCP does), so
 * that a Sandbox never starts from a setting it would trip on later. The public builder only collects
 * the settings; a few are checked as they are set, where the value alone is wrong, and the rest at
 * build, in {@link #checked}, which also fills in the defaults that depend on other settings or on the
 * machine.
 */
public final class SettingsCheck {
    private static final String MODULE_NAME = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";

    private SettingsCheck() {
    }

    /** The URL of {@code database(url, user, password)}, if it is a JDBC URL. */
    public static String jdbcUrl(String jdbcUrl) {
        require(jdbcUrl != null && jdbcUrl.startsWith("jdbc:"), "database: give a JDBC URL such as"
                + " jdbc:postgresql://localhost:5432/sandbox, was " + jdbcUrl);
        return jdbcUrl;
    }

    public static String nodeId(String id) {
        require(id != null && id.matches("[A-Za-z0-9._:-]{1,255}"),
                "nodeId must be 1 to 255 letters, digits, '.', '_', ':' or '-', was " + id);
        return id;
    }

    public static Duration nodeTimeout(Duration timeout) {
        require(timeout != null && timeout.toMillis() >= 1000, "nodeTimeout must be at least 1 s, was " + timeout);
        return timeout;
    }

    public static Quotas quotas(int runningPerUser, int queuedPerUser) {
        require(runningPerUser >= 0, "runningJobsPerUser must be 0 (no limit) or more, was " + runningPerUser);
        require(queuedPerUser >= 0, "queuedJobsPerUser must be 0 (no limit) or more, was " + queuedPerUser);
        return new Quotas(runningPerUser, queuedPerUser);
    }

    public static int sandboxUserId(int uid) {
        require(uid > 0, "sandboxUserId must be a non-root user id (above 0), was " + uid);
        return uid;
    }

    /**
     * Checks the settings as the builder holds them ({@code c}), then returns them with the log folder and the
     * node's name filled in where they were left to their default (null in {@code c}).
     */
    public static SandboxConfig checked(SandboxConfig c) {
        check(c);
        Path logDirectory = c.logDirectory() != null ? c.logDirectory()
                : c.dataDirectory().resolve("logs").resolve("optimization");
        ClusterSettings cluster = c.cluster().nodeId() != null ? c.cluster()
                : new ClusterSettings(hostName(), c.cluster().timeout(), c.cluster().requeue());
        return new SandboxConfig(c.dataDirectory(), logDirectory, c.inMemoryDatabase(), c.storage(),
                c.maxModelBytes(), c.poolSize(), c.maxQueueLength(), c.memoryLimitFraction(), c.preImports(),
                c.learnImports(), c.compilerThreads(), c.packages(), c.solver(), c.defaultLimits(), c.listeners(),
                c.defaultRuntime(), c.pythonExecutable(), c.bubblewrapExecutable(), c.sandboxUserId(), c.cgroups(),
                c.filterPython(), c.maxDataSourceBytes(), c.maxDataSourceFiles(), c.database(), cluster, c.runtimes(),
                c.quotas());
    }

    private static void check(SandboxConfig c) {
        PackageFolders.of(c.packages()); // names a folder that does not exist or is no package, before anything starts
        require(c.maxModelBytes() >= 1, "maxModelBytes must be at least 1, was " + c.maxModelBytes());
        require(c.maxDataSourceBytes() >= 1, "maxDataSourceBytes must be at least 1, was " + c.maxDataSourceBytes());
        require(c.maxDataSourceFiles() >= 1, "maxDataSourceFiles must be at least 1, was " + c.maxDataSourceFiles());
        require(c.poolSize() >= 1 && c.poolSize() <= 256, "poolSize must be between 1 and 256, was " + c.poolSize());
        require(c.maxQueueLength() >= 0, "maxQueueLength must be 0 or more, was " + c.maxQueueLength());
        require(c.memoryLimitFraction() >= 0.1 && c.memoryLimitFraction() <= 0.99,
                "memoryLimitFraction must be between 0.1 and 0.99, was " + c.memoryLimitFraction());
        require(c.compilerThreads() >= 0 && c.compilerThreads() <= 64,
                "compilerThreads must be between 0 and 64, was " + c.compilerThreads());
        for (String name : c.preImports()) {
            require(name.matches(MODULE_NAME), "preImports: '" + name + "' is not a Python module name (e.g. json or xml.dom)");
        }
        require(!c.runtimes().isEmpty() && !c.runtimes().contains(RuntimeKind.AUTO),
                "runtimes must name graalpy, cpython or both, was " + c.runtimes());
        require(c.defaultRuntime() == RuntimeKind.AUTO || c.runtimes().contains(c.defaultRuntime()),
                "defaultRuntime " + c.defaultRuntime().wireName() + " is not one of this sandbox's runtimes "
                        + c.runtimes() + ": add it to runtimes(...) or leave the default (auto)");
        require((c.inMemoryDatabase() ? 1 : 0) + (c.storage() != null ? 1 : 0) + (c.database() != null ? 1 : 0) <= 1,
                "Choose one of inMemoryDatabase(), database(...) and storage(...)");
    }

    /** The default node name: the host's, with what a node id may not hold replaced by '-'. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._:-]", "-");
            return name.isEmpty() ? "node" : name;
        } catch (IOException e) {
            return "node";
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
