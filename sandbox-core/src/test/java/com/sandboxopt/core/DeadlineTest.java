package com.sandboxopt.core;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job's deadline on both runtimes: it is kept with the job, the job is stopped there, and one already passed is
 * refused. A queued job past its deadline: {@link QueueAndPoolTest}; solves cut for it: the solver module's tests.
 */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class DeadlineTest {
    @Parameter
    RuntimeKind runtime;

    private final Sandbox sandbox = TestSandbox.shared();

    @Test
    void aJobStillRunningAtItsDeadlineIsStoppedThereAsTimedOutSayingSo() {
        Model model = TestSandbox.upload(sandbox, "sleeper.py", ModelType.DMO,
                "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\nprint('woke up')\n", runtime);
        Instant deadline = Instant.now().plusSeconds(6);

        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDeadline(deadline)).await(Duration.ofMinutes(1));

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("Stopped at its deadline " + deadline.truncatedTo(MICROS));
        assertThat(job.times().deadline()).isEqualTo(deadline.truncatedTo(MICROS));
        assertThat(job.times().finishedAt()).isBetween(deadline, deadline.plusSeconds(3));
        assertThat(TestSandbox.messages(sandbox, job)).contains("sleeping").doesNotContain("woke up");
    }

    @Test
    void aJobThatEndsBeforeItsDeadlineSucceedsAndKeepsIt() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        Model model = TestSandbox.upload(sandbox, "quick.py", ModelType.RMO, "print('done')\n", runtime);

        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDeadline(deadline)).await(Duration.ofMinutes(1));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.times().deadline()).isEqualTo(deadline.truncatedTo(MICROS));
        assertThat(sandbox.jobs().get(job.id()).times().deadline()).isEqualTo(deadline.truncatedTo(MICROS));
    }

    @Test
    void aDeadlineAlreadyPassedIsRefusedAndNothingIsStored() {
        Model model = TestSandbox.upload(sandbox, "late.py", ModelType.SO, "print('must not run')\n", runtime);
        Instant past = Instant.now().minusSeconds(1);

        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDeadline(past)))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("deadline " + past + " has already passed");
                });
        assertThat(sandbox.jobs().list(new JobQuery(null, null, model.id(), 10))).isEmpty();
    }
}
