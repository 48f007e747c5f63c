package com.sandboxopt.examples;

import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.Schedule;
import com.sandboxopt.core.ScheduleDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A market desk's day as three schedules: the day-ahead model (DMO) every morning at 06:00 Berlin time publishing its
 * outputs as {@code dmo-results}, the real-time model (RMO) after it reading them, publishing {@code rmo-results}, and
 * the system model (SO) after that. Runs the DMO now instead of waiting for 06:00, follows the chain to its end and
 * prints each job with the data source versions it read and the one it produced.
 *
 * <pre>./sandbox example ChainedRuns [models]</pre>
 */
public final class ChainedRuns {
    private static final Duration WAIT = Duration.ofMinutes(5);

    private ChainedRuns() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        try (Sandbox sandbox = Sandbox.builder().dataDirectory(Files.createTempDirectory("sandbox-chain-")).build()) {
            Model dmo = upload(sandbox, models.resolve("sample_dmo_model.py"), ModelType.DMO);
            Model rmo = upload(sandbox, models.resolve("sample_rmo_model.py"), ModelType.RMO);
            Model so = upload(sandbox, models.resolve("sample_so_model.py"), ModelType.SO);
            for (String system : List.of("dmo", "rmo", "so")) {
                dataSource(sandbox, system + "-system", models.resolve("data").resolve(system));
            }
            Schedule dayAhead = sandbox.schedules().create(ScheduleDraft.cron("day-ahead", dmo.id(), "0 6 * * *")
                    .withTimezone("Europe/Berlin").withDataSourceId("dmo-system").withPublishAs("dmo-results"));
            Schedule realTime = sandbox.schedules().create(ScheduleDraft.after("real-time", rmo.id(), dayAhead.id())
                    .withDataSourceId("rmo-system").withDataSources(Map.of("upstream", "dmo-results"))
                    .withPublishAs("rmo-results"));
            Schedule system = sandbox.schedules().create(ScheduleDraft.after("system", so.id(), realTime.id())
                    .withDataSourceId("so-system").withDataSources(Map.of("upstream", "rmo-results")));
            System.out.println("Schedules: " + dayAhead.name() + " next at " + dayAhead.nextRuns().get(0) + ", then "
                    + realTime.name() + " and " + system.name() + " after it");

            sandbox.schedules().runNow(dayAhead.id()).await(WAIT);
            Job last = awaitFirstJob(sandbox, system);
            for (Schedule step : List.of(dayAhead, realTime, system)) {
                Job job = sandbox.jobs().list(JobQuery.ofSchedule(step.id(), 1)).get(0);
                System.out.println(describe(sandbox, step, job));
            }
            return last.status() == JobStatus.SUCCESS ? 0 : 1;
        }
    }

    private static String describe(Sandbox sandbox, Schedule step, Job job) {
        StringBuilder line = new StringBuilder(String.format("%-10s %s %s, read %s", step.name(), job.id(),
                job.status().wireName(), version(sandbox, job.inputs().dataSourceId())));
        job.inputs().dataSources().forEach((alias, id) -> line.append(" and ").append(version(sandbox, id))
                .append(" as data/").append(alias));
        if (job.inputs().publishAs() != null) {
            sandbox.dataSources().find(job.inputs().publishAs()).filter(d -> job.id().equals(d.producedBy()))
                    .ifPresent(d -> line.append(", produced ").append(d.name()).append(" v").append(d.version()));
        }
        return line.toString();
    }

    private static String version(Sandbox sandbox, String id) {
        DataSource source = sandbox.dataSources().get(id);
        return source.name() + " v" + source.version() + (source.producedBy() == null ? "" : " (from " + source.producedBy() + ")");
    }

    private static Job awaitFirstJob(Sandbox sandbox, Schedule schedule) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            List<Job> jobs = sandbox.jobs().list(JobQuery.ofSchedule(schedule.id(), 1));
            if (!jobs.isEmpty() && jobs.get(0).status().isFinal()) {
                return jobs.get(0);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The chain did not reach " + schedule.name() + " within " + WAIT);
    }

    private static Model upload(Sandbox sandbox, Path file, ModelType type) throws IOException {
        return sandbox.models().upload(ModelUpload.of(file.getFileName().toString(), Files.readAllBytes(file), type));
    }

    private static DataSource dataSource(Sandbox sandbox, String name, Path folder) throws IOException {
        try (DataSourceDraft draft = sandbox.dataSources().draft(name, "bundled " + folder.getFileName() + " data");
             Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                draft.addFile(file);
            }
            return draft.commit();
        }
    }
}
