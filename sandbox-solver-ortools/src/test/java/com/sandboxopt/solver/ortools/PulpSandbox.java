package com.sandboxopt.solver.ortools;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One sandbox with Debian's PuLP and the OR-Tools solver, shared by the test classes of this module
 * (the first GraalPy context of a JVM and PuLP's first import cost seconds). Closed when the JVM exits.
 * Each test class runs its models on both runtimes: PuLP solves on the host from either.
 */
final class PulpSandbox {
    static final Path DEBIAN_PULP = Path.of("/usr/lib/python3/dist-packages/pulp");
    static final EventLog EVENTS = new EventLog();
    private static Sandbox shared;

    private PulpSandbox() {
    }

    static synchronized Sandbox shared() {
        if (shared == null) {
            if (!Files.isRegularFile(DEBIAN_PULP.resolve("__init__.py"))) {
                throw new IllegalStateException("These tests need Debian's PuLP: apt-get install python3-pulp");
            }
            shared = Sandbox.builder()
                    .dataDirectory(tempDirectory())
                    .inMemoryDatabase()
                    .poolSize(2)
                    .packages(DEBIAN_PULP)
                    .preImports(List.of("pulp"))
                    .solver(OrToolsSolver.create())
                    .listener(EVENTS)
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static Path tempDirectory() {
        try {
            return Files.createTempDirectory("sandbox-solver-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model upload(RuntimeKind runtime, String fileName, ModelType type, String source) {
        return shared().models().upload(ModelUpload.of(fileName, source.getBytes(StandardCharsets.UTF_8), type)
                .withRuntime(runtime));
    }

    static Job run(RuntimeKind runtime, String source) {
        return run(runtime, source, null);
    }

    static Job run(RuntimeKind runtime, String source, Limits limits) {
        Model model = upload(runtime, "model.py", ModelType.DMO, source);
        return shared().jobs().execute(ExecutionRequest.of(model.id()).withLimits(limits)).await(Duration.ofMinutes(5));
    }

    /** Runs the lines as a model on the runtime; it must succeed. Returns its log lines. */
    static List<String> linesOfSuccess(RuntimeKind runtime, String... lines) {
        Job job = run(runtime, String.join("\n", lines) + "\n");
        org.assertj.core.api.Assertions.assertThat(job.status()).as(job.error() + " " + messages(job))
                .isEqualTo(com.sandboxopt.core.JobStatus.SUCCESS);
        return messages(job);
    }

    static List<String> messages(Job job) {
        return shared().jobs().logs(job.id(), LogQuery.all()).stream().map(LogLine::message).toList();
    }
}
