package com.sandboxopt.server.config;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.events.EventHub;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import com.sandboxopt.solver.ortools.OrToolsSolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Builds the one {@link Sandbox} of the server from {@link SandboxSettings}; every job event goes to the {@link EventHub}.
 * The build begins as the context starts ({@link SandboxStartup}) and the sandbox bean waits for it.
 */
@Factory
class SandboxFactory {
    static final Path DEBIAN_PULP = Path.of("/usr/lib/python3/dist-packages/pulp");

    @Context
    @Bean(preDestroy = "close")
    SandboxStartup startup(SandboxSettings settings, EventHub hub, @Value("${micronaut.server.port:8080}") int port) {
        return new SandboxStartup(() -> build(settings, hub, port));
    }

    @Singleton
    Sandbox sandbox(SandboxStartup startup) {
        return startup.sandbox();
    }

    private static Sandbox build(SandboxSettings settings, EventHub hub, int port) {
        SandboxBuilder builder = Sandbox.builder()
                .dataDirectory(Path.of(settings.dataDir()))
                .maxQueueLength(settings.queueLength())
                .maxModelBytes(settings.maxUploadBytes())
                .learnImports(settings.learnImports())
                .compilerThreads(settings.compilerThreads())
                .listener(hub);
        if (settings.quotas() != null) {
            named("sandbox.quotas", () -> builder.quotas(settings.quotas().runningJobsPerUser(),
                    settings.quotas().queuedJobsPerUser()));
        }
        if (settings.logDir() != null && !settings.logDir().isBlank()) {
            builder.logDirectory(Path.of(settings.logDir()));
        }
        SandboxSettings.DatabaseSettings database = settings.database();
        if (database != null && database.configured()) {
            if (settings.inMemoryDatabase()) {
                throw new IllegalArgumentException("Set either sandbox.database.url or sandbox.in-memory-database, not both");
            }
            builder.database(database.url().strip(), database.user(), database.password());
            named("sandbox.node-id", () -> builder.nodeId(nodeId(settings.nodeId(), port)));
            named("sandbox.node-timeout", () -> builder.nodeTimeout(settings.nodeTimeout()));
            builder.requeueInterruptedJobs(settings.requeueInterruptedJobs());
        } else if (settings.inMemoryDatabase()) {
            builder.inMemoryDatabase();
        }
        if (settings.poolSize() != null) {
            builder.poolSize(settings.poolSize());
        }
        if (settings.preImportList() != null) {
            builder.preImports(settings.preImportList());
        }
        SandboxSettings.DataSourceSettings data = settings.dataSourceLimits();
        builder.maxDataSourceBytes(atLeastOne("sandbox.data-sources.max-bytes", data.maxBytes()))
                .maxDataSourceFiles((int) atLeastOne("sandbox.data-sources.max-files", data.maxFiles()));
        builder.packages(packages(settings));
        switch (settings.solver().strip().toLowerCase(Locale.ROOT)) {
            case "ortools" -> builder.solver(OrToolsSolver.builder().memoryLimitBytes(settings.solverMemoryBytes()).build());
            case "none" -> { }
            default -> throw new IllegalArgumentException("sandbox.solver must be 'ortools' or 'none', was '" + settings.solver() + "'");
        }
        builder.defaultRuntime(named("sandbox.runtime", () -> RuntimeKind.parse(settings.runtime())));
        cpython(builder, settings.cpython());
        SandboxSettings.LimitSettings limits = settings.limits();
        if (limits != null) {
            Limits base = Limits.defaults().withWallTime(limits.timeout()).withMaxOutputLines(limits.maxOutputLines())
                    .withMaxOutputBytes(limits.maxOutputBytes()).withWorkingDirectoryBytes(limits.workingDirectoryBytes())
                    .withMaxProblemSize(limits.maxProblemSize());
            Limits withMemory = named("sandbox.limits.memory-bytes", () -> base.withMemoryBytes(limits.memoryBytes()));
            Limits withProcesses = named("sandbox.limits.max-processes", () -> withMemory.withMaxProcesses(limits.maxProcesses()));
            Limits jobLimits = named("sandbox.limits.artifact-bytes", () -> withProcesses.withArtifactBytes(limits.artifactBytes()));
            if (limits.cpuTime() != null) {
                jobLimits = jobLimits.withCpuTime(limits.cpuTime());
            }
            builder.defaultLimits(jobLimits).memoryLimitFraction(limits.memoryFraction());
        }
        return builder.build();
    }

    /** As configured, or {@code <host>:<port>}: what an operator recognises in the job list and the logs. */
    private static String nodeId(String configured, int port) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host.replaceAll("[^A-Za-z0-9._-]", "-") + ":" + (port > 0 ? port : ProcessHandle.current().pid());
    }

    /** The CPython runtime's programs; a missing interpreter or bubblewrap leaves that runtime unavailable, saying why. */
    private static void cpython(SandboxBuilder builder, SandboxSettings.CPythonSettings cpython) {
        if (cpython == null) {
            return;
        }
        if (cpython.interpreter() == null || cpython.interpreter().isBlank()) {
            throw new IllegalArgumentException("sandbox.cpython.interpreter must name a Python interpreter, e.g. /usr/bin/python3");
        }
        builder.pythonExecutable(Path.of(cpython.interpreter().strip()));
        if (cpython.bubblewrap() != null && !cpython.bubblewrap().isBlank()) {
            builder.bubblewrapExecutable(Path.of(cpython.bubblewrap().strip()));
        }
        named("sandbox.cpython.user-id", () -> builder.sandboxUserId(cpython.userId()));
        builder.cgroups(cpython.cgroups());
    }

    private static long atLeastOne(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Runs a library check so that its complaint names the server setting the value came from. */
    private static <T> T named(String setting, Supplier<T> check) {
        try {
            return check.get();
        } catch (SandboxException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /** The configured folders; unset: Debian's PuLP ({@code apt-get install python3-pulp}) when it is installed. */
    static List<Path> packages(SandboxSettings settings) {
        List<String> configured = settings.packageList();
        if (configured != null) {
            return configured.stream().map(Path::of).toList();
        }
        return Files.isRegularFile(DEBIAN_PULP.resolve("__init__.py")) ? List.of(DEBIAN_PULP) : List.of();
    }
}
