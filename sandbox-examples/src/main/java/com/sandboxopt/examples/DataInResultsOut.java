package com.sandboxopt.examples;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.DataFile;
import com.sandboxopt.core.DataSource;
import com.sandboxopt.core.DataSourceDraft;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Data in, results out: uploads a folder of market CSVs as a data source (streamed from disk), runs
 * the DMO sample on it by the data source's name, then lists the files the job left under
 * {@code output/} and prints the first lines of its prices.
 *
 * <pre>./sandbox example DataInResultsOut [models/data/dmo] [models/sample_dmo_model.py]</pre>
 */
public final class DataInResultsOut {
    private DataInResultsOut() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "models/data/dmo");
        Path modelFile = Path.of(args.length > 1 ? args[1] : "models/sample_dmo_model.py");
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase()
                .dataDirectory(Files.createTempDirectory("sandbox-example-")).build()) {
            DataSource market;
            try (DataSourceDraft draft = sandbox.dataSources().draft("dmo-market", "the bundled day-ahead market");
                 Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    draft.addFile(file);
                }
                market = draft.commit();
            }
            System.out.println("Data source " + market.name() + " v" + market.version() + " (" + market.id() + "):");
            for (DataFile file : market.files()) {
                System.out.printf("  data/%-20s %,8d bytes%n", file.name(), file.sizeBytes());
            }

            Model model = sandbox.models().upload(ModelUpload.of(modelFile.getFileName().toString(),
                    Files.readAllBytes(modelFile), ModelType.DMO));
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDataSourceId(market.name()))
                    .await(Duration.ofMinutes(5));
            System.out.println("Job " + job.id() + " ended " + job.status().wireName() + ", read "
                    + job.inputs().dataSourceId());
            if (job.status() != JobStatus.SUCCESS) {
                System.out.println("  " + job.error());
                return 1;
            }
            List<Artifact> artifacts = sandbox.jobs().artifacts(job.id());
            System.out.println("It left " + artifacts.size() + " files under output/:");
            for (Artifact artifact : artifacts) {
                System.out.printf("  %-20s %,8d bytes  %s%n", artifact.name(), artifact.sizeBytes(), artifact.contentType());
            }
            try (BufferedReader prices = new BufferedReader(new InputStreamReader(
                    sandbox.jobs().openArtifact(job.id(), "prices.csv"), StandardCharsets.UTF_8))) {
                System.out.println("prices.csv:");
                prices.lines().limit(6).forEach(line -> System.out.println("  " + line));
            }
            return 0;
        }
    }
}
