package com.sandboxopt.examples;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import com.sandboxopt.solver.ortools.OrToolsSolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The best answer before the gate closes: the PuLP day-ahead clearing with 350 block bids (a MIP CBC needs well over
 * a minute to prove optimal here) as a schedule whose jobs must end 25 s after their fire time. Runs it now: the solve
 * is cut for the deadline, the model still writes its prices from the best solution found, and the job ends success
 * before the deadline, saying in a WARNING line where the solve stood.
 *
 * <pre>./sandbox example GateClosure [models/pulp_dmo_market_clearing.py] [blocks]</pre>
 * Needs {@code apt-get install python3-pulp}.
 */
public final class GateClosure {
    static final Duration DEADLINE = Duration.ofSeconds(25);

    private GateClosure() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "models/pulp_dmo_market_clearing.py");
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 350;
        if (!Files.isDirectory(SolveWithPulp.DEBIAN_PULP)) {
            System.err.println("This example needs Debian's PuLP: apt-get install python3-pulp");
            return 2;
        }
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(Files.createTempDirectory("sandbox-gate-"))
                .packages(SolveWithPulp.DEBIAN_PULP).solver(OrToolsSolver.create()).build()) {
            Model model = sandbox.models().upload(ModelUpload.of(file.getFileName().toString(), Files.readAllBytes(file),
                    ModelType.DMO));
            Schedule clearing = sandbox.schedules().create(ScheduleDraft.cron("day-ahead before gate closure",
                    model.id(), "0 0 11 * * *").withTimezone("Europe/Berlin").withDeadline(DEADLINE)
                    .withConfig(Map.of("blocks", blocks, "msg", false)));
            System.out.println("Schedule " + clearing.name() + ": next at " + clearing.nextRuns().get(0)
                    + ", each job due " + DEADLINE.toSeconds() + " s after its fire time");

            Job job = sandbox.schedules().runNow(clearing.id()).await(DEADLINE.plusMinutes(1));
            Duration took = Duration.between(job.origin().scheduledFor(), job.times().finishedAt());
            System.out.printf("Job %s ended %s %.1f s after its fire time (deadline %s)%n", job.id(),
                    job.status().wireName(), took.toMillis() / 1000.0, job.times().deadline());
            for (LogLine line : sandbox.jobs().logs(job.id(), LogQuery.all())) {
                if (line.level() == com.sandboxopt.core.LogLevel.WARNING) {
                    System.out.println("  " + line.level() + " " + line.message());
                }
            }
            if (job.status() != JobStatus.SUCCESS) {
                System.out.println("  " + job.error());
                return 1;
            }
            if (job.result() instanceof Map<?, ?> result) {
                System.out.println("Welfare " + result.get("objective") + " (" + result.get("solutionStatus") + "), files "
                        + result.get("files"));
            }
            return 0;
        }
    }
}
