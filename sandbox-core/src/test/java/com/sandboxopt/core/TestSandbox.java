package com.sandboxopt.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Sandbox shared by the test classes that need no special settings: the first GraalPy context
 * of a JVM costs seconds, so building it once keeps the suite fast. Closed when the JVM exits.
 */
final class TestSandbox {
    static final EventRecorder EVENTS = new EventRecorder();
    private static Sandbox shared;
    private static Path sharedDataDirectory;

    private TestSandbox() {
    }

    static synchronized Sandbox shared() {
        if (shared == null) {
            sharedDataDirectory = tempDirectory();
            shared = Sandbox.builder()
                    .dataDirectory(sharedDataDirectory)
                    .inMemoryDatabase()
                    .poolSize(2)
                    .listener(EVENTS)
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The data directory of the shared sandbox (the only one these helpers know). */
    static synchronized Path dataDirectory(Sandbox sandbox) {
        if (sandbox != shared) {
            throw new IllegalArgumentException("only the shared sandbox's data directory is known");
        }
        return sharedDataDirectory;
    }

    static Path tempDirectory() {
        try {
            return Files.createTempDirectory("sandbox-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model upload(Sandbox sandbox, String fileName, ModelType type, String source) {
        return upload(sandbox, fileName, type, source, null);
    }

    /** On the given runtime (null: the sandbox's choice). */
    static Model upload(Sandbox sandbox, String fileName, ModelType type, String source, RuntimeKind runtime) {
        return sandbox.models().upload(ModelUpload.of(fileName, source.getBytes(StandardCharsets.UTF_8), type)
                .withRuntime(runtime));
    }

    /** Runs the source to its end on the given runtime (null: the sandbox's choice). */
    static Job run(Sandbox sandbox, String source, RuntimeKind runtime) {
        return run(sandbox, source, Map.of(), null, runtime);
    }

    /** Uploads a model, runs it to the end and returns the final job. */
    static Job run(Sandbox sandbox, String source) {
        return run(sandbox, source, Map.of(), null);
    }

    static Job run(Sandbox sandbox, String source, Map<String, Object> config, Limits limits) {
        return run(sandbox, source, config, limits, null);
    }

    /** Like {@link #run(Sandbox, String, Map, Limits)} on the given runtime (null: the sandbox's choice). */
    static Job run(Sandbox sandbox, String source, Map<String, Object> config, Limits limits, RuntimeKind runtime) {
        Model model = sandbox.models().upload(ModelUpload.of("model.py", source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(runtime));
        ExecutionRequest request = ExecutionRequest.of(model.id()).withConfig(config).withLimits(limits);
        return sandbox.jobs().execute(request).await(Duration.ofMinutes(3));
    }

    static java.util.List<String> messages(Sandbox sandbox, Job job) {
        return sandbox.jobs().logs(job.id(), LogQuery.all()).stream().map(LogLine::message).toList();
    }
}
