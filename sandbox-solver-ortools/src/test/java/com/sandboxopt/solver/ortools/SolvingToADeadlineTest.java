package com.sandboxopt.solver.ortools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job with a deadline whose MIP would take minutes: each solve is cut short of the deadline, hands back its best
 * solution, and the model still writes it, so the job succeeds on time, with a WARNING line saying how far it came.
 */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class SolvingToADeadlineTest {
    /** What the warning says, with the gap it reached. */
    private static final Pattern CUT = Pattern.compile("Solve cut to ([0-9.]+) s for the job's deadline (\\S+);"
            + " it stopped at gap ([0-9.]+) % \\(objective ([0-9]+), bound ([0-9.]+)\\)");
    /** The hard knapsack of {@link PulpModels#HARD_KNAPSACK} as a plain dict for sandbox.solve. */
    private static final String HARD_KNAPSACK_DICT = String.join("\n",
            "import random, sandbox",
            "r = random.Random(1)",
            "names = ['x%d' % i for i in range(200)]",
            "objective = {n: 50 + r.randrange(50) for n in names}",
            "constraints = {}",
            "for k in range(10):",
            "    w = [20 + r.randrange(80) for _ in names]",
            "    constraints['w%d' % k] = {'coefficients': dict(zip(names, w)), 'upper': sum(w) // 2}",
            "problem = {'name': 'hard', 'sense': 'maximize', 'objective': objective, 'constraints': constraints,",
            "           'variables': {n: {'upper': 1, 'integer': True} for n in names}, 'options': {'msg': False}}",
            "");

    @Parameter
    RuntimeKind runtime;

    /**
     * A first job on each runtime, so that the deadlines below measure solves, not a cold start (the first PuLP job of
     * a JVM on GraalPy waits seconds for its prepared context).
     */
    @BeforeParameterizedClassInvocation
    static void warmUp(RuntimeKind runtime) {
        PulpSandbox.linesOfSuccess(runtime, PulpModels.SMALL_MILP, "prob.solve(pulp.PULP_CBC_CMD(msg=0))");
    }

    @Test
    void aPulpSolveWithoutATimeLimitStopsShortOfTheDeadlineAndTheModelWritesItsSolution() {
        Run run = run(Duration.ofSeconds(7), PulpModels.HARD_KNAPSACK + String.join("\n",
                "prob.solve()",
                "chosen = [v.name for v in x if v.varValue > 0.5]",
                "with open('output/solution.txt', 'w') as f:",
                "    f.write(' '.join(chosen))",
                "print('status', pulp.LpStatus[prob.status], prob.sol_status, 'objective', pulp.value(prob.objective))",
                ""));

        Job job = run.job();
        assertEndedOnTimeWithASolution(job, run.deadline());
        String printed = PulpSandbox.messages(job).stream().filter(line -> line.startsWith("status ")).findFirst().orElseThrow();
        assertThat(printed).startsWith("status Optimal 2 objective "); // PuLP's words for a solution stopped by time
        assertThat(PulpSandbox.shared().jobs().artifacts(job.id())).extracting(Artifact::name).containsExactly("solution.txt");
    }

    @Test
    void sandboxSolveIsCutForTheDeadlineTooAndAnswersFeasibleWithItsGap() {
        Run run = run(Duration.ofSeconds(7), HARD_KNAPSACK_DICT + String.join("\n",
                "answer = sandbox.solve(problem)",
                "print('answer', answer['status'], answer['objective'] > 0, answer['bestBound'] >= answer['objective'])",
                ""));

        assertEndedOnTimeWithASolution(run.job(), run.deadline());
        assertThat(PulpSandbox.messages(run.job())).contains("answer feasible True True");
    }

    @Test
    void aSolveWhoseOwnLimitEndsBeforeTheReserveIsNotCutNorWarnedAbout() {
        Job job = run(Duration.ofMinutes(5), PulpModels.HARD_KNAPSACK
                + "prob.solve(pulp.PULP_CBC_CMD(timeLimit=2))\nprint('status', prob.sol_status)\n").job();

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(PulpSandbox.messages(job)).contains("status 2")
                .anyMatch(line -> line.startsWith("Solving 'hard'") && line.endsWith("time limit 2s"));
        assertThat(warnings(job)).isEmpty();
    }

    /** Runs the source with a deadline {@code ahead} of now (once uploaded); returns the deadline and the job. */
    private Run run(Duration ahead, String source) {
        Model model = PulpSandbox.upload(runtime, "deadline.py", ModelType.DMO, source);
        Instant deadline = Instant.now().plus(ahead);
        Job job = PulpSandbox.shared().jobs().execute(ExecutionRequest.of(model.id()).withDeadline(deadline))
                .await(Duration.ofMinutes(2));
        return new Run(deadline, job);
    }

    private record Run(Instant deadline, Job job) {
    }

    private static void assertEndedOnTimeWithASolution(Job job, Instant deadline) {
        assertThat(job.status()).as(job.error() + " " + PulpSandbox.messages(job)).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.times().finishedAt()).isBefore(deadline);
        List<String> warnings = warnings(job);
        assertThat(warnings).as("the deadline's warning").singleElement().asString().matches(CUT);
        var cut = CUT.matcher(warnings.get(0));
        assertThat(cut.matches()).isTrue();
        assertThat(cut.group(2)).isEqualTo(deadline.truncatedTo(ChronoUnit.MICROS).toString());
        assertThat(Double.parseDouble(cut.group(1))).as("the solve's time, the reserve left out").isLessThanOrEqualTo(6.0);
        assertThat(Double.parseDouble(cut.group(3))).as("a gap, not proven optimal").isGreaterThan(0);
        assertThat(Long.parseLong(cut.group(4))).as("an incumbent").isPositive();
    }

    private static List<String> warnings(Job job) {
        return PulpSandbox.shared().jobs().logs(job.id(), LogQuery.all()).stream()
                .filter(line -> line.level() == LogLevel.WARNING).map(LogLine::message).toList();
    }
}
