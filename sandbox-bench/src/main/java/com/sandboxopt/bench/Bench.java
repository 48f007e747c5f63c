package com.sandboxopt.bench;

import com.sandboxopt.core.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./sandbox bench [--quick]}: runs every section in one JVM, prints the table and writes
 * {@code docs/benchmarks.csv} and {@code docs/BENCHMARKS.md}. Run it from the project folder.
 * {@code --pulp-only}, {@code --cpython-only}, {@code --data-only}, {@code --nodes-only} and {@code --logs-only}
 * run one section alone, in a block of its own (the CPython, data, nodes and logs sections' tables have columns of
 * their own and write no CSV rows); {@code --first-click-only} times a fresh server alone.
 *
 * <p>{@link BenchOptions} reads the arguments and {@link BenchRun} runs the sections. A Bench is what the sections
 * share: the main sandbox, the python3 runner, the sandboxes some sections make for themselves, the scripts they run
 * and the work directory all of it lives in.
 */
public final class Bench {
    private static final String TRIVIAL_MODEL = "print('hello')\n";
    private static final List<String> KERNELS = List.of("nbody", "spectral_norm", "knapsack_bnb", "dense_simplex");

    private final boolean quick;
    private final String imports;
    private final int compilerThreads;
    private final Path workDirectory;
    private final OurRunner ours;
    private final CPythonRunner cpython = new CPythonRunner();
    private final String trivialModel;
    private final Path trivialScript;
    private final Path timedRunScript;
    private OurRunner pulpRunner;
    private OurRunner cpythonRunner;
    private OurRunner dataRunner;

    Bench(boolean quick, String imports, int compilerThreads, Path workDirectory) {
        this.quick = quick;
        this.imports = imports;
        this.compilerThreads = compilerThreads;
        this.workDirectory = workDirectory;
        this.ours = switch (imports) {
            case "lean" -> new OurRunner(workDirectory.resolve("data"), 2, List.of(), false, compilerThreads);
            case "fixed-imports" -> new OurRunner(workDirectory.resolve("data"), 2, BenchOptions.COMMON_MODULES, false, compilerThreads);
            default -> new OurRunner(workDirectory.resolve("data"), 2, List.of(), true, compilerThreads);
        };
        this.trivialModel = ours.upload("trivial.py", TRIVIAL_MODEL);
        this.trivialScript = writeScript("trivial.py", TRIVIAL_MODEL);
        this.timedRunScript = writeScript("timed_run.py", resource("timed_run.py"));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BenchRun.run(BenchOptions.parse(args));
    }

    /** Closes the sandboxes and the python3 runner, deletes the work directory, and ends the JVM. */
    void closeAndExit() throws IOException {
        ours.close();
        if (pulpRunner != null) {
            pulpRunner.close();
        }
        if (cpythonRunner != null) {
            cpythonRunner.close();
        }
        if (dataRunner != null) {
            dataRunner.close();
        }
        cpython.close();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.exit(0);
    }

    boolean quick() {
        return quick;
    }

    OurRunner ours() {
        return ours;
    }

    /** A second sandbox, with Debian's PuLP and the OR-Tools solver, made when the PuLP section first needs it. */
    OurRunner pulpRunner() {
        if (pulpRunner == null) {
            pulpRunner = new OurRunner(Sandbox.builder().dataDirectory(workDirectory.resolve("pulp-data")).inMemoryDatabase()
                    .poolSize(2).compilerThreads(compilerThreads).packages(Path.of("/usr/lib/python3/dist-packages/pulp"))
                    .solver(com.sandboxopt.solver.ortools.OrToolsSolver.create()));
        }
        return pulpRunner;
    }

    /**
     * A sandbox of its own for the CPython section's cpython jobs (pool 2, learned imports), made when first
     * needed, so that its job threads' interpreters and the main sandbox's GraalPy contexts are prepared apart.
     */
    OurRunner cpythonRunner() {
        if (cpythonRunner == null) {
            cpythonRunner = new OurRunner(Sandbox.builder().dataDirectory(workDirectory.resolve("cpython-data")).inMemoryDatabase()
                    .poolSize(2).maxQueueLength(10_000).compilerThreads(compilerThreads));
        }
        return cpythonRunner;
    }

    /** The data section's sandbox (pool 2, learned imports, a data directory of its own), made when first needed. */
    OurRunner dataRunner() {
        if (dataRunner == null) {
            dataRunner = new OurRunner(Sandbox.builder().dataDirectory(dataSectionDirectory()).inMemoryDatabase()
                    .poolSize(2).maxQueueLength(10_000).compilerThreads(compilerThreads));
        }
        return dataRunner;
    }

    Path dataSectionDirectory() {
        return workDirectory.resolve("data-section");
    }

    Path workDirectory() {
        return workDirectory;
    }

    CPythonRunner cpython() {
        return cpython;
    }

    int compilerThreads() {
        return compilerThreads;
    }

    String trivialModel() {
        return trivialModel;
    }

    Path trivialScript() {
        return trivialScript;
    }

    Path timedRunScript() {
        return timedRunScript;
    }

    /** The three sample models at benchmark sizes (see their docstrings) and the classic kernels. */
    List<ComputeSection.Case> computeCases() throws IOException {
        List<ComputeSection.Case> cases = new ArrayList<>();
        cases.add(sample("sample_dmo_model", Map.of("blocks", 30), "{\"blocks\": 30}"));
        cases.add(sample("sample_rmo_model", Map.of("intervals", 288), "{\"intervals\": 288}"));
        cases.add(sample("sample_so_model", Map.of("generators", 8), "{\"generators\": 8}"));
        for (String kernel : KERNELS) {
            String source = resource("kernels/" + kernel + ".py");
            cases.add(new ComputeSection.Case(kernel, source, Map.of(), writeScript(kernel + ".py", source), "{}"));
        }
        return cases;
    }

    private static ComputeSection.Case sample(String name, Map<String, Object> config, String json) throws IOException {
        Path file = Path.of("models", name + ".py").toAbsolutePath();
        return new ComputeSection.Case(name, Files.readString(file), config, file, json);
    }

    Path writeScript(String fileName, String source) {
        try {
            return Files.writeString(workDirectory.resolve(fileName), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Bench.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run checked(Run run) {
        if (!run.ok()) {
            throw new IllegalStateException("benchmark job failed (" + (run.jobId() != null ? run.jobId() : "python3") + "): " + run.error());
        }
        return run;
    }
}
