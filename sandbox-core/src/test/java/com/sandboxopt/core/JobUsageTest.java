package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a job used, as the sandbox measured it, on both runtimes and kept in an H2 file: CPU time of a busy model,
 * peak memory of one holding 64 MiB on CPython (none on GraalPy), and both read back after a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobUsageTest {
    /** Busy for 0.6 s of wall time: the CPU it gets depends on the machine's load, hence the loose floor below. */
    private static final String BUSY = """
            import time, sandbox
            end = time.monotonic() + 0.6
            n = 0
            while time.monotonic() < end:
                n += 1
            sandbox.result({'n': n})
            """;
    /** 64 MiB, every page written (a bytes object of repeated bytes is filled in), held until the model ends. */
    private static final String HOLDS_64_MIB = "data = b'x' * (64 << 20)\nprint(len(data))\n";
    private static final long MIB = 1 << 20;

    private Path directory;
    private Sandbox sandbox;

    @BeforeAll
    void start() {
        directory = TestSandbox.tempDirectory();
        sandbox = open();
    }

    private Sandbox open() {
        return Sandbox.builder().dataDirectory(directory).poolSize(1).build();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private boolean cpythonHasCgroups() {
        return sandbox.runtimes().stream().anyMatch(r -> r.kind() == RuntimeKind.CPYTHON && r.version().contains("cgroup"));
    }

    private static void assertPlausibleCpu(Job job) {
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCESS);
        long wallMs = job.times().duration().orElseThrow().toMillis();
        long ceiling = wallMs * Runtime.getRuntime().availableProcessors() + 200;
        assertThat(job.usage().cpuMs()).as("cpu_ms of a 0.6 s busy loop on " + job.placement().runtime())
                .isNotNull().isBetween(100L, ceiling);
    }

    @Test
    void aBusyModelOnCPythonUsedCpuAndItsSandboxsMemory() {
        Job job = TestSandbox.run(sandbox, BUSY, RuntimeKind.CPYTHON);

        assertPlausibleCpu(job);
        if (cpythonHasCgroups()) {
            assertThat(job.usage().peakMemoryBytes()).as("an interpreter's sandbox").isGreaterThan(4 * MIB);
        } else {
            assertThat(job.usage().peakMemoryBytes()).as("no cgroup, no peak").isNull();
        }
    }

    /** Read when its code ends, not from the last of the watchdog's readings, which may be most of a short job old. */
    @Test
    void aShortJobOnCPythonIsCountedToItsEnd() {
        Job job = TestSandbox.run(sandbox, BUSY.replace("0.6", "0.12"), RuntimeKind.CPYTHON);

        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.usage().cpuMs()).as("0.12 s busy, on a core of its own or a share of one").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aBusyModelOnGraalPyUsedCpuAndHasNoPeakMemoryOfItsOwn() {
        Job job = TestSandbox.run(sandbox, BUSY, RuntimeKind.GRAALPY);

        assertPlausibleCpu(job);
        assertThat(job.usage().peakMemoryBytes()).as("GraalPy's jobs share the JVM's heap").isNull();
    }

    @Test
    void aCPythonModelHolding64MiBPeaksAtLeastThere() {
        Job job = TestSandbox.run(sandbox, HOLDS_64_MIB, RuntimeKind.CPYTHON);

        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCESS);
        if (cpythonHasCgroups()) {
            assertThat(job.usage().peakMemoryBytes()).isGreaterThanOrEqualTo(64 * MIB);
        } else {
            assertThat(job.usage().peakMemoryBytes()).isNull();
        }
    }

    @Test
    void whatAJobUsedIsReadBackAfterARestart() {
        Job cpython = TestSandbox.run(sandbox, HOLDS_64_MIB, RuntimeKind.CPYTHON);
        Job graalpy = TestSandbox.run(sandbox, BUSY, RuntimeKind.GRAALPY);
        assertThat(cpython.usage().cpuMs()).isNotNull();
        assertThat(graalpy.usage().cpuMs()).isNotNull();

        sandbox.close();
        sandbox = open();

        assertThat(sandbox.jobs().get(cpython.id()).usage()).isEqualTo(cpython.usage());
        assertThat(sandbox.jobs().get(graalpy.id()).usage()).isEqualTo(graalpy.usage());
        assertThat(sandbox.jobs().list(new JobQuery(null, null, null, 100))).filteredOn(j -> j.id().equals(graalpy.id()))
                .singleElement().extracting(Job::usage).isEqualTo(graalpy.usage());
    }

    @Test
    void aJobCancelledWhileQueuedUsedNothing() {
        Model model = TestSandbox.upload(sandbox, "waits.py", ModelType.SO, "print(1)\n", RuntimeKind.CPYTHON);
        Model busy = TestSandbox.upload(sandbox, "blocks.py", ModelType.SO, BUSY, RuntimeKind.CPYTHON);
        JobHandle first = sandbox.jobs().execute(ExecutionRequest.of(busy.id())); // the one job thread is taken
        JobHandle queued = sandbox.jobs().execute(ExecutionRequest.of(model.id()));
        queued.cancel();

        Job cancelled = queued.await(Duration.ofMinutes(1));
        first.await(Duration.ofMinutes(1));

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(sandbox.jobs().get(cancelled.id()).usage()).isEqualTo(JobUsage.unknown());
    }
}
