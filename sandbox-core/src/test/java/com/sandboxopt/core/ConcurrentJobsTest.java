package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.internal.logs.LogFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ConcurrentJobsTest {
    private final Sandbox sandbox = TestSandbox.shared();

    @Test
    void twentyJobsOnAPoolOfTwoAllEndWithGaplessSeqAndFilesMatchingTheDatabase() throws Exception {
        Model model = TestSandbox.upload(sandbox, "concurrent.py", ModelType.DMO, String.join("\n",
                "import logging, sandbox",
                "n = sandbox.config['lines']",
                "for i in range(n):",
                "    if i % 3 == 0:",
                "        logging.warning('job %s warning %d', sandbox.job_id, i)",
                "    else:",
                "        print('job', sandbox.job_id, 'line', i)", ""));
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            handles.add(sandbox.jobs().execute(ExecutionRequest.of(model.id()).withConfig(Map.of("lines", 100 + i * 10))));
        }

        for (int i = 0; i < handles.size(); i++) {
            Job job = handles.get(i).await(Duration.ofMinutes(5));
            int expected = 100 + i * 10;
            assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
            List<LogLine> stored = sandbox.jobs().logs(job.id(), LogQuery.all());
            assertThat(stored).extracting(LogLine::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
            assertThat(stored).allMatch(l -> l.message().contains(job.id()));
            List<String> fileLines = Files.readAllLines(sandbox.jobs().logFile(job.id()), StandardCharsets.UTF_8);
            assertThat(fileLines).containsExactlyElementsOf(stored.stream().map(LogFile::format).toList());
            assertThat(TestSandbox.EVENTS.of(job.id(), LogEvent.class)).extracting(LogEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
        }
    }
}
