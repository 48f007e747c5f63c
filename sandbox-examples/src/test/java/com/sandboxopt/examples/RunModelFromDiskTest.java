package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunModelFromDiskTest {
    @TempDir
    Path dataDir;

    @Test
    void runsTheSampleDmoModelAndPrintsItsEvents() throws Exception {
        String out = Console.output(() -> assertThat(RunModelFromDisk.run(new String[] {
                "../models/sample_dmo_model.py", "--config", "{\"hours\": 6}", "--data-dir", dataDir.toString()}))
                .isZero());

        assertThat(out).contains("started  DMO_", "INFO    Job ID: DMO_", "Configuration: {\"hours\": 6}",
                "DMO optimization completed successfully", "ended success");
        assertThat(Files.list(dataDir.resolve("logs/optimization"))).hasSize(1);
    }

    @Test
    void runsAPulpModelWithDebiansPulpAndTheSolverAndPrintsItsProgress() throws Exception {
        String out = Console.output(() -> assertThat(RunModelFromDisk.run(new String[] {
                "../models/pulp_so_unit_commitment.py", "--config", "{\"hours\": 8, \"generators\": 5}",
                "--data-dir", dataDir.toString()})).isZero());

        assertThat(out).contains("Packages: {/packages/pulp=/usr/lib/python3/dist-packages/pulp}",
                "runs on cpython (auto: CPython", "Welcome to the CBC MILP Solver", "metric  mip_gap", "ended success");
        assertThat(out).as("prob.solve() went to the host's solver, as on GraalPy").containsPattern("Solving '[^']+' with cbc: ");
    }

    @Test
    void rejectsAMissingFileWithUsage() throws Exception {
        String err = Console.error(() -> assertThat(RunModelFromDisk.run(new String[] {"nope.py"})).isEqualTo(2));

        assertThat(err).contains("No such file", "usage:");
    }
}
