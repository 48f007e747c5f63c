package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a model prints on the cpython runtime, now that the guest holds printed lines for a moment while the
 * model prints fast: every line arrives once, in order, in its place among the other events, and still while
 * the job runs (a held line goes out on a timer, not at the job's end).
 */
class CPythonPrintedLinesTest {
    private final Sandbox sandbox = TestSandbox.shared();

    private Job run(String source) {
        return TestSandbox.run(sandbox, source, java.util.Map.of(), null, RuntimeKind.CPYTHON);
    }

    private JobHandle start(String source) {
        Model model = sandbox.models().upload(ModelUpload.of("model.py", source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(RuntimeKind.CPYTHON));
        return sandbox.jobs().execute(ExecutionRequest.of(model.id()));
    }

    /** The messages the listeners heard for the job so far, in the order they heard them. */
    private static List<String> heard(String jobId) {
        return TestSandbox.EVENTS.of(jobId, LogEvent.class).stream().map(LogEvent::message).toList();
    }

    @Test
    void aHundredThousandPrintedLinesArriveOnceEachInOrderAndAreStored() {
        Job job = run("for i in range(100000):\n    print(f'line {i}')\n");

        List<String> expected = IntStream.range(0, 100_000).mapToObj(i -> "line " + i).toList();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.outcome().lineCount()).isEqualTo(100_000);
        assertThat(TestSandbox.EVENTS.of(job.id(), LogEvent.class)).extracting(LogEvent::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100_000).mapToObj(i -> (long) i).toList());
        assertThat(heard(job.id())).containsExactlyElementsOf(expected);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFirstLineReachesListenersWhileTheModelSleeps() {
        JobHandle handle = start("print('first', flush=False)\nimport time\ntime.sleep(600)\n");

        // held until the job's end, the line would come only after this wait gave up
        await().atMost(Duration.ofMinutes(1)).until(() -> heard(handle.jobId()).contains("first"));
        sandbox.jobs().cancel(handle.jobId());
        assertThat(handle.await(Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void theLastLinesOfABurstReachListenersWhileTheModelComputes() {
        // the lines of a burst are held; the flusher thread must send the last ones while the model's thread
        // keeps the interpreter busy and never prints again
        JobHandle handle = start("for i in range(20000):\n    print(i)\nprint('end of the burst')\nwhile True:\n    pass\n");

        await().atMost(Duration.ofMinutes(1)).until(() -> heard(handle.jobId()).contains("end of the burst"));
        sandbox.jobs().cancel(handle.jobId());
        assertThat(handle.await(Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.CANCELLED);
        List<String> expected = new ArrayList<>(IntStream.range(0, 20_000).mapToObj(String::valueOf).toList());
        expected.add("end of the burst");
        assertThat(TestSandbox.messages(sandbox, sandbox.jobs().get(handle.jobId()))).containsExactlyElementsOf(expected);
    }

    @Test
    void printedLinesKeepTheirPlaceAmongLogRecordsProgressAndMetrics() {
        Job job = run("""
                import logging, sandbox, sys
                for i in range(3000):
                    print('line', i)
                    if i % 7 == 0:
                        sandbox.log('DEBUG', f'log {i}')
                    if i % 101 == 0:
                        logging.getLogger('market').warning(f'warning {i}')
                    if i % 13 == 0:
                        print('error', i, file=sys.stderr)
                    if i % 250 == 0:
                        sandbox.progress(i / 3000, f'progress {i}')
                        sandbox.metric('objective', i, step=i)
                """);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            expected.add("INFO line " + i);
            if (i % 7 == 0) {
                expected.add("DEBUG log " + i);
            }
            if (i % 101 == 0) {
                expected.add("WARNING warning " + i);
            }
            if (i % 13 == 0) {
                expected.add("ERROR error " + i);
            }
            if (i % 250 == 0) {
                expected.add("progress progress " + i);
                expected.add("metric " + i);
            }
        }
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        List<String> events = TestSandbox.EVENTS.of(job.id()).stream().map(CPythonPrintedLinesTest::describe)
                .filter(e -> !e.isEmpty()).toList();
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void linesPrintedBeforeAForkAndBeforeOsExitAreKeptOnceInOrder() {
        Job job = run("""
                import os
                for i in range(2000):
                    print(i)
                pid = os.fork()
                if pid == 0:
                    print('child')
                    os._exit(0)
                os.waitpid(pid, 0)
                for i in range(2000, 3000):
                    print(i)
                os._exit(0)
                """);

        List<String> expected = new ArrayList<>(IntStream.range(0, 2000).mapToObj(String::valueOf).toList());
        expected.add("child"); // the child's copy of held lines would have repeated the parent's
        expected.addAll(IntStream.range(2000, 3000).mapToObj(String::valueOf).toList());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactlyElementsOf(expected);
    }

    private static String describe(Object event) {
        if (event instanceof LogEvent log) {
            return log.level() + " " + log.message();
        }
        if (event instanceof ProgressEvent progress) {
            return "progress " + progress.message();
        }
        if (event instanceof MetricEvent metric) {
            return "metric " + (long) metric.value();
        }
        return "";
    }

    @Test
    void aJobEndsWhileItsOwnDaemonThreadStillPrints() {
        // Finalizing, Python ends a daemon thread where it stands when it next waits for the GIL: one ended while it
        // held the channel's lock must not hang the interpreter's final flush (the job would run to its wall limit:
        // timed_out after 20 s here).
        String model = "import threading\n"
                + "def chatter():\n"
                + "    while True:\n"
                + "        print('chatter ' * 40)\n"
                + "threading.Thread(target=chatter, daemon=True).start()\n"
                + "import time\n"
                + "time.sleep(0.05)\n"
                + "print('done')\n";
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(20));
        for (int i = 0; i < 10; i++) {
            Job job = TestSandbox.run(sandbox, model, java.util.Map.of(), limits, RuntimeKind.CPYTHON);
            assertThat(TestSandbox.messages(sandbox, job)).as("run %d", i).contains("done");
            // CPython itself may abort when a daemon thread holds sys.stdout's lock at shutdown ("could not acquire
            // lock for <_io.BufferedWriter name='<stdout>'>"), as plain python3 does: the job then says so
            if (job.status() != JobStatus.SUCCESS) {
                assertThat(job.status()).as("run %d: %s", i, job.error()).isEqualTo(JobStatus.FAILED);
                assertThat(job.error()).as("run %d", i).contains("SIGABRT");
            }
        }
    }
}
