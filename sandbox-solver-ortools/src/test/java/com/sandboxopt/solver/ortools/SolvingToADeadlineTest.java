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
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job with a deadline whose MIP would take minutes: each solve is cut short of the deadline, hands back its best
 * solution, and the model still writes it, so the job succeeds on time, with a WARNING line saying how far it came.
 * <p>
 * Each runtime gets a sandbox of its own with three job threads: after a job a thread prepares the next run ahead
 * (seconds for a GraalPy context with PuLP when GraalPy is interpreted), and a job waiting for that in the queue would
 * spend its deadline there; with threads to spare, each job here starts at once and the deadline measures its solve.
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
    private static Sandbox sandbox;

    @Parameter
    RuntimeKind runtime;

    @BeforeParameterizedClassInvocation
    static void start(RuntimeKind runtime) {
        sandbox = Sandbox.builder().dataDirectory(PulpSandbox.tempDirectory()).inMemoryDatabase()
                .runtimes(runtime).poolSize(3).packages(PulpSandbox.DEBIAN_PULP).preImports(List.of("pulp"))
                .solver(OrToolsSolver.create()).build();
        Job first = sandbox.jobs().execute(ExecutionRequest.of(upload(runtime, PulpModels.SMALL_MILP
                + "prob.solve(pulp.PULP_CBC_CMD(msg=0))\n").id())).await(Duration.ofMinutes(5));
        assertThat(first.status()).as(first.error()).isEqualTo(JobStatus.SUCCESS);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        sandbox.close();
    }

    @Test
    void aPulpSolveWithoutATimeLimitStopsShortOfTheDeadlineAndTheModelWritesItsSolution() {
        Run run = run(ahead(), PulpModels.HARD_KNAPSACK + String.join("\n",
                "prob.solve()",
                "chosen = [v.name for v in x if v.varValue > 0.5]",
                "with open('output/solution.txt', 'w') as f:",
                "    f.write(' '.join(chosen))",
                "print('status', pulp.LpStatus[prob.status], prob.sol_status, 'objective', pulp.value(prob.objective))",
                ""));

        assertEndedOnTimeWithASolution(run);
        assertThat(messages(run.job())).anyMatch(line -> line.startsWith("status Optimal 2 objective ")); // PuLP's words
        assertThat(sandbox.jobs().artifacts(run.job().id())).extracting(Artifact::name).containsExactly("solution.txt");
    }

    @Test
    void sandboxSolveIsCutForTheDeadlineTooAndAnswersFeasibleWithItsGap() {
        Run run = run(ahead(), HARD_KNAPSACK_DICT + String.join("\n",
                "answer = sandbox.solve(problem)",
                "print('answer', answer['status'], answer['objective'] > 0, answer['bestBound'] >= answer['objective'])",
                ""));

        assertEndedOnTimeWithASolution(run);
        assertThat(messages(run.job())).contains("answer feasible True True");
    }

    @Test
    void aSolveWhoseOwnLimitEndsBeforeTheReserveIsNotCutNorWarnedAbout() {
        Job job = run(Duration.ofMinutes(5), PulpModels.HARD_KNAPSACK
                + "prob.solve(pulp.PULP_CBC_CMD(timeLimit=2))\nprint('status', prob.sol_status)\n").job();

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("status 2")
                .anyMatch(line -> line.startsWith("Solving 'hard'") && line.endsWith("time limit 2s"));
        assertThat(warnings(job)).isEmpty();
    }

    /**
     * How far ahead the deadline is: 8 s, or 15 s on GraalPy, which runs interpreted in these tests (no JIT on the
     * test JVM) and takes seconds of a busy machine to build the PuLP model before it solves.
     */
    private Duration ahead() {
        return runtime == RuntimeKind.GRAALPY ? Duration.ofSeconds(15) : Duration.ofSeconds(8);
    }

    private static Model upload(RuntimeKind runtime, String source) {
        return sandbox.models().upload(ModelUpload.of("deadline.py", source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(runtime));
    }

    /** Runs the source with a deadline {@code ahead} of now (once uploaded); returns the deadline and the job. */
    private Run run(Duration ahead, String source) {
        Model model = upload(runtime, source);
        Instant deadline = Instant.now().plus(ahead);
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDeadline(deadline)).await(Duration.ofMinutes(2));
        return new Run(deadline, job);
    }

    private record Run(Instant deadline, Job job) {
    }

    private void assertEndedOnTimeWithASolution(Run run) {
        Job job = run.job();
        assertThat(job.status()).as(job.error() + " " + messages(job)).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.times().finishedAt()).isBefore(run.deadline());
        List<String> warnings = warnings(job);
        assertThat(warnings).as("the deadline's warning").hasSize(1);
        Matcher cut = CUT.matcher(warnings.get(0));
        assertThat(cut.matches()).as(warnings.get(0)).isTrue();
        assertThat(cut.group(2)).isEqualTo(run.deadline().truncatedTo(ChronoUnit.MICROS).toString());
        assertThat(Double.parseDouble(cut.group(1))).as("the solve's time, the reserve left out")
                .isLessThanOrEqualTo(ahead().minusSeconds(2).toMillis() / 1000.0);
        assertThat(Double.parseDouble(cut.group(3))).as("a gap, not proven optimal").isGreaterThan(0);
        assertThat(Long.parseLong(cut.group(4))).as("an incumbent").isPositive();
    }

    private static List<String> messages(Job job) {
        return sandbox.jobs().logs(job.id(), LogQuery.all()).stream().map(LogLine::message).toList();
    }

    private static List<String> warnings(Job job) {
        return sandbox.jobs().logs(job.id(), LogQuery.all()).stream()
                .filter(line -> line.level() == LogLevel.WARNING).map(LogLine::message).toList();
    }
}
