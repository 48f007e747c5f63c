package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class JobExecutionTest {
    private final Sandbox sandbox = TestSandbox.shared();
    private final EventRecorder events = TestSandbox.EVENTS;

    @Test
    void printedLinesBecomeInfoEventsInOrderWithGaplessSeqBetweenStartedAndCompleted() {
        Job job = TestSandbox.run(sandbox, "for i in range(50):\n    print('line', i)\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        List<Object> all = events.of(job.id());
        assertThat(all.get(0)).isInstanceOf(JobStarted.class);
        assertThat(all.get(all.size() - 1)).isInstanceOf(JobCompleted.class);
        List<LogEvent> logs = events.of(job.id(), LogEvent.class);
        assertThat(logs).extracting(LogEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(logs).extracting(LogEvent::message).startsWith("line 0", "line 1").endsWith("line 49");
        assertThat(logs).allMatch(e -> e.level() == LogLevel.INFO && e.modelType() == ModelType.DMO);
        assertThat(job.outcome().lineCount()).isEqualTo(50);
    }

    @Test
    void everyLineIsStoredBeforeTheCompletedEventFires() {
        List<Long> storedAtCompletion = new java.util.concurrent.CopyOnWriteArrayList<>();
        Model model = TestSandbox.upload(sandbox, "chatty.py", ModelType.DMO, "for i in range(3000):\n    print(i)\n");
        try (AutoCloseable ignored = sandbox.addListener(new com.sandboxopt.core.event.JobListener() {
            @Override
            public void onCompleted(JobCompleted event) {
                storedAtCompletion.add((long) sandbox.jobs().logs(event.jobId(), LogQuery.all()).size());
            }
        })) {
            sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(storedAtCompletion).containsExactly(3000L);
    }

    @Test
    void modelRunsAsMainWithArgvSoArgparseWorks() {
        Job job = TestSandbox.run(sandbox, String.join("\n",
                "import argparse, sys",
                "parser = argparse.ArgumentParser()",
                "parser.add_argument('--hours', type=int, default=24)",
                "args = parser.parse_args()",
                "if __name__ == '__main__':",
                "    print('main', sys.argv, args.hours, __file__)", ""));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("main ['model.py'] 24 model.py");
    }

    @Test
    void sandboxModuleGivesJobIdTypeConfigCopyAndDataSource() {
        String market = "market-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        DataSource data = sandbox.dataSources().upload(market, null, Map.of("bids.csv", new byte[] {'1'}));
        Model model = TestSandbox.upload(sandbox, "api.py", ModelType.RMO, String.join("\n",
                "import sandbox",
                "sandbox.config['hours'] = 99",
                "import sandbox as again",
                "print(sandbox.job_id, sandbox.model_type, sandbox.data_source_id)",
                "print(sorted(again.config.items()))", ""));
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(model.id())
                .withConfig(Map.of("hours", 24, "nested", Map.of("a", List.of(1, 2.5, "x"))))
                .withDataSourceId(market));
        Job job = handle.await(Duration.ofMinutes(2));

        assertThat(TestSandbox.messages(sandbox, job)).containsExactly(
                job.id() + " RMO " + data.id(),
                "[('hours', 99), ('nested', {'a': [1, 2.5, 'x']})]");
        assertThat(job.inputs().config()).containsEntry("hours", 24);
        assertThat(job.inputs().dataSourceId()).as("a name is recorded as the exact id").isEqualTo(data.id());
        assertThat(job.id()).matches("RMO_\\d{13}_[a-z0-9]{6}");
    }

    @Test
    void loggingRecordsKeepTheirLevelAndStderrLinesAreErrors() {
        Job job = TestSandbox.run(sandbox, String.join("\n",
                "import logging, sys, sandbox",
                "logging.basicConfig(level=logging.DEBUG, format='%(asctime)s %(message)s')",
                "log = logging.getLogger('dmo')",
                "log.debug('d')",
                "log.info('i %d', 1)",
                "log.warning('w')",
                "log.error('e')",
                "log.critical('c')",
                "print('to stderr', file=sys.stderr)",
                "sandbox.log('WARNING', 'direct')", ""));

        List<LogLine> lines = sandbox.jobs().logs(job.id(), LogQuery.all());
        assertThat(lines).extracting(LogLine::level, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LogLevel.DEBUG, "d"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.INFO, "i 1"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.WARNING, "w"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.ERROR, "e"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.ERROR, "c"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.ERROR, "to stderr"),
                org.assertj.core.groups.Tuple.tuple(LogLevel.WARNING, "direct"));
    }

    @Test
    void aPartialLastLineIsFlushedWhenTheJobEnds() {
        Job job = TestSandbox.run(sandbox, "print('done', end='')\n");

        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("done");
    }

    @Test
    void uncaughtExceptionFailsTheJobWithItsTracebackAsErrorLines() {
        Job job = TestSandbox.run(sandbox, "def solve():\n    raise ValueError('infeasible: demand exceeds supply')\nprint('before')\nsolve()\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("ValueError: infeasible: demand exceeds supply");
        List<LogLine> lines = sandbox.jobs().logs(job.id(), LogQuery.all());
        assertThat(lines.get(0).message()).isEqualTo("before");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.level() == LogLevel.ERROR);
        assertThat(lines).extracting(LogLine::message)
                .contains("Traceback (most recent call last):", "  File \"model.py\", line 2, in solve");
        assertThat(events.of(job.id(), JobFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.error()).isEqualTo(job.error()));
    }

    @Test
    void sysExitZeroIsSuccessAndNonZeroFailsWithTheExitCode() {
        Job zero = TestSandbox.run(sandbox, "import sys\nprint('bye')\nsys.exit(0)\nprint('not reached')\n");
        Job three = TestSandbox.run(sandbox, "import sys\nsys.exit(3)\n");
        Job hard = TestSandbox.run(sandbox, "import os\nos._exit(1)\n");

        assertThat(zero.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, zero)).containsExactly("bye");
        assertThat(three.status()).isEqualTo(JobStatus.FAILED);
        assertThat(three.error()).contains("status 3");
        assertThat(hard.status()).isEqualTo(JobStatus.FAILED);
        assertThat(hard.error()).contains("status 1");
    }

    @Test
    void resultProgressAndMetricsReachJava() {
        Job job = TestSandbox.run(sandbox, String.join("\n",
                "import sandbox",
                "for step in range(3):",
                "    sandbox.metric('objective', 100.0 - step, step=step)",
                "    sandbox.progress((step + 1) / 3, 'iteration %d' % step)",
                "sandbox.result({'objective': 98.0, 'prices': [31.5, 42], 'ok': True, 'note': None})", ""));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.result()).isInstanceOfSatisfying(Map.class, result -> assertThat(result)
                .containsEntry("objective", 98.0).containsEntry("prices", List.of(31.5, 42))
                .containsEntry("ok", true).containsEntry("note", null));
        assertThat(events.of(job.id(), MetricEvent.class)).extracting(MetricEvent::name, MetricEvent::value, MetricEvent::step)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("objective", 100.0, 0L),
                        org.assertj.core.groups.Tuple.tuple("objective", 99.0, 1L),
                        org.assertj.core.groups.Tuple.tuple("objective", 98.0, 2L));
        assertThat(events.of(job.id(), ProgressEvent.class)).extracting(ProgressEvent::fraction).last().isEqualTo(1.0);
    }

    @Test
    void logFileHoldsTheSameLinesAsTheDatabase() throws Exception {
        Job job = TestSandbox.run(sandbox, "import logging\nprint('a')\nlogging.warning('b')\n");

        Path file = sandbox.jobs().logFile(job.id());
        assertThat(file).isAbsolute();
        assertThat(file.toString()).endsWith("logs/optimization/" + job.id() + ".log");
        List<String> fileLines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(fileLines).hasSize(2);
        assertThat(fileLines.get(0)).matches("\\[\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z] INFO a");
        assertThat(fileLines.get(1)).matches("\\[.+Z] WARNING b");
    }

    @Test
    void logLinesCanBeReadByLevelAfterASeqWithALimit() {
        Job job = TestSandbox.run(sandbox, "import logging\nfor i in range(10):\n    print(i)\n    logging.warning('w%d', i)\n");

        assertThat(sandbox.jobs().logs(job.id(), new LogQuery(LogLevel.WARNING, 0, 100))).hasSize(10)
                .allMatch(l -> l.level() == LogLevel.WARNING);
        assertThat(sandbox.jobs().logs(job.id(), LogQuery.after(15, 3))).extracting(LogLine::seq).containsExactly(16L, 17L, 18L);
    }

    @Test
    void executeReturnsAtOnceWithAQueuedOrRunningHandle() {
        Model model = TestSandbox.upload(sandbox, "slow.py", ModelType.SO, "import time\ntime.sleep(1)\n");
        JobHandle handle = sandbox.jobs().execute(ExecutionRequest.of(model.id()));

        assertThat(handle.status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING);
        assertThat(sandbox.jobs().get(handle.jobId()).status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING);
        Job done = handle.await(Duration.ofMinutes(2));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(done.times().duration())
                .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> sandbox.jobs().cancel(handle.jobId()))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_ALREADY_FINISHED));
    }

    @Test
    void configThatIsNotJsonLikeIsRejected() {
        Model model = TestSandbox.upload(sandbox, "cfg.py", ModelType.SO, "pass\n");
        ExecutionRequest request = ExecutionRequest.of(model.id()).withConfig(Map.of("thread", new Object()));

        assertThatThrownBy(() -> sandbox.jobs().execute(request))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
