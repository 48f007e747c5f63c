package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobHandle;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A solve inside a job: its log streams live, its progress becomes metrics, and the job's limits and cancel hold. */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class SolvingInAJobTest {
    @Parameter
    RuntimeKind runtime;

    @Test
    void theSolversLogStreamsWhileItSolvesAndMipProgressBecomesMetrics() {
        Job job = PulpSandbox.run(runtime, PulpModels.HARD_KNAPSACK
                + "prob.solve(pulp.PULP_CBC_CMD(timeLimit=4))\nprint('objective', pulp.value(prob.objective), pulp.LpStatus[prob.status])\n");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        List<EventLog.Timed<LogEvent>> logs = PulpSandbox.EVENTS.logs(job.id());
        long welcome = logs.stream().filter(t -> t.event().message().contains("Welcome to the CBC")).findFirst().orElseThrow().nanos();
        long end = logs.get(logs.size() - 1).nanos();
        assertThat(Duration.ofNanos(end - welcome)).as("CBC's first line arrived while it solved").isGreaterThan(Duration.ofSeconds(2));

        List<MetricEvent> metrics = PulpSandbox.EVENTS.metrics(job.id());
        assertThat(metrics).extracting(MetricEvent::name).contains("mip_incumbent", "mip_bound", "mip_gap");
        double objective = Double.parseDouble(PulpSandbox.messages(job).get(PulpSandbox.messages(job).size() - 1).split(" ")[1]);
        List<Double> incumbents = metrics.stream().filter(m -> m.name().equals("mip_incumbent")).map(MetricEvent::value).toList();
        assertThat(incumbents.get(incumbents.size() - 1)).isCloseTo(objective, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(metrics.stream().filter(m -> m.name().equals("mip_gap")).map(MetricEvent::value)).allMatch(gap -> gap >= 0);
        assertThat(metrics).extracting(MetricEvent::step).isSorted();
    }

    @Test
    void cancelStopsASolveWithinASecond() {
        Model model = PulpSandbox.upload(runtime, "spin.py", ModelType.SO, PulpModels.HARD_KNAPSACK + "prob.solve()\nprint('not reached')\n");
        JobHandle handle = PulpSandbox.shared().jobs().execute(ExecutionRequest.of(model.id()));
        await().atMost(Duration.ofMinutes(2)).until(() -> PulpSandbox.EVENTS.logs(handle.jobId()).stream()
                .anyMatch(t -> t.event().message().contains("Welcome to the CBC")));

        long start = System.nanoTime();
        handle.cancel();
        Job job = handle.await(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(millis).as("cancel took %d ms", millis).isLessThan(1000);
        assertThat(PulpSandbox.messages(job)).doesNotContain("not reached");
    }

    @Test
    void aSolveGetsNoMoreTimeThanTheJobHasLeft() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(6)).withCpuTime(Duration.ofMinutes(5));
        // half a second of the job gone before it solves, however fast the runtime got there
        Job job = PulpSandbox.run(runtime, PulpModels.HARD_KNAPSACK + "import time\ntime.sleep(0.5)\n"
                + "prob.solve(pulp.PULP_CBC_CMD(timeLimit=600))\nprint('stopped in time', prob.sol_status)\n", limits);

        // the solve stops at the job's limit (its best solution kept), or the job is stopped there
        assertThat(job.status()).isIn(JobStatus.SUCCESS, JobStatus.TIMED_OUT);
        if (job.status() == JobStatus.SUCCESS) {
            assertThat(PulpSandbox.messages(job)).anyMatch(line -> line.matches("stopped in time [12]"));
        } else {
            assertThat(job.error()).isEqualTo("Wall-clock time limit of 6s exceeded");
        }
        String solving = PulpSandbox.messages(job).stream().filter(line -> line.startsWith("Solving 'hard'")).findFirst().orElseThrow();
        double limit = Double.parseDouble(solving.replaceAll(".*time limit ([0-9.]+)s$", "$1"));
        assertThat(limit).as(solving).isLessThanOrEqualTo(5.5);
    }

    @Test
    void theSolversCpuTimeCountsAgainstTheJob() {
        // 6 s of solving and up to 8 s of the model's own spinning: over 10 s only when the solve counts
        Limits limits = Limits.defaults().withWallTime(Duration.ofMinutes(2)).withCpuTime(Duration.ofSeconds(10));
        Job job = PulpSandbox.run(runtime, PulpModels.HARD_KNAPSACK + String.join("\n",
                "prob.solve(pulp.PULP_CBC_CMD(msg=0, timeLimit=6))",
                "import time",
                "start = time.time()",
                "while time.time() - start < 8:",
                "    pass",
                "print('spun')", ""), limits);

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(job.error()).isEqualTo("CPU time limit of 10s exceeded");
        assertThat(PulpSandbox.messages(job)).doesNotContain("spun");
    }

    @Test
    void pulpsClockReportsTheSolversCpuTime() {
        Job job = PulpSandbox.run(runtime, PulpModels.HARD_KNAPSACK
                + "prob.solve(pulp.PULP_CBC_CMD(msg=0, timeLimit=2))\nprint('cpu', prob.solutionCpuTime > 1, prob.solutionTime > 1)\n");

        assertThat(PulpSandbox.messages(job)).containsExactly("cpu True True");
    }
}
