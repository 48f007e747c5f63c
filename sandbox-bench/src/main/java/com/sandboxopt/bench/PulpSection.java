package com.sandboxopt.bench;

import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PuLP models in the sandbox (Debian's PuLP, OR-Tools' CBC in a worker process) against
 * Debian's python3 + PuLP + CBC's own program: the two PuLP samples, and a facility-location MILP
 * of growing size with the job's wall time split into building the problem (PuLP in GraalPy or
 * CPython), the solve call (ours: problem to the host and back; CPython: MPS file, cbc process,
 * solution file) and the solver alone (ours: the worker's solve; CPython: CBC's own wall clock).
 */
final class PulpSection {
    private static final Pattern TIMING = Pattern.compile(
            "timing import=([0-9.]+) build=([0-9.]+) solve=([0-9.]+) solver=(-?[0-9.]+) read=([0-9.]+) objective=(-?[0-9.]+) size=(\\d+)");
    private static final Pattern CBC_WALL = Pattern.compile("Total time \\(CPU seconds\\):\\s+[0-9.]+\\s+\\(Wallclock seconds\\):\\s+([0-9.]+)");

    private PulpSection() {
    }

    /** One timed run of the scaling model. */
    private record Timing(double build, double solveCall, double solver, double job, double objective, long size) {
    }

    static void run(Bench bench, Table table) throws IOException {
        if (!DebianPython.available()) {
            table.add(new Table.Row("pulp", "skipped: needs apt-get install python3-pulp coinor-cbc", "", "", "", "", ""));
            return;
        }
        OurRunner ours = bench.pulpRunner();
        DebianPython cpython = new DebianPython();
        int repeats = bench.quick() ? 2 : 3;
        String section = "pulp (s; median of " + repeats + " after a first run)";
        samples(bench, ours, cpython, table, section, repeats);
        scaling(bench, ours, cpython, table, section, repeats);
    }

    /** A sample model and its config, as JSON for python3 and as a map for the sandbox. */
    private record SampleCase(String model, String json, Map<String, Object> config) {
    }

    private static void samples(Bench bench, OurRunner ours, DebianPython cpython, Table table, String section, int repeats)
            throws IOException {
        List<SampleCase> cases = new ArrayList<>();
        cases.add(new SampleCase("pulp_dmo_market_clearing", "{}", Map.of()));
        cases.add(new SampleCase("pulp_so_unit_commitment", "{}", Map.of()));
        if (!bench.quick()) {
            cases.add(new SampleCase("pulp_dmo_market_clearing", "{\"blocks\": 150, \"hours\": 48}",
                    Map.of("blocks", 150, "hours", 48)));
            cases.add(new SampleCase("pulp_so_unit_commitment", "{\"generators\": 20, \"seed\": 2}",
                    Map.of("generators", 20, "seed", 2)));
        }
        for (SampleCase c : cases) {
            Path file = Path.of("models", c.model() + ".py").toAbsolutePath();
            String modelId = ours.upload(c.model() + ".py", Files.readString(file));
            Map<String, Object> config = c.config();
            List<Double> oursJob = new ArrayList<>();
            List<Double> cpythonJob = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) {
                Run run = Bench.checked(ours.run(modelId, config));
                oursJob.add(run.doneMs() / 1000);
                DebianPython.Output out = cpython.run(file, c.json(), bench.workDirectory().resolve("cpython-" + c.model()));
                check(out);
                cpythonJob.add(out.doneMs() / 1000);
            }
            String name = c.model() + " " + c.json();
            table.add(new Table.Row(section, name + " whole job, first run", Table.number(oursJob.get(0), 2),
                    Table.number(cpythonJob.get(0), 2), Table.speedup(oursJob.get(0), cpythonJob.get(0)), "", ""));
            double oursMedian = Stats.median(oursJob.subList(1, oursJob.size()));
            double cpythonMedian = Stats.median(cpythonJob.subList(1, cpythonJob.size()));
            table.add(new Table.Row(section, name + " whole job", Table.number(oursMedian, 2), Table.number(cpythonMedian, 2),
                    Table.speedup(oursMedian, cpythonMedian), "", ""));
        }
    }

    private static void scaling(Bench bench, OurRunner ours, DebianPython cpython, Table table, String section, int repeats)
            throws IOException {
        Path script = bench.writeScript("pulp_scaling.py", Bench.resource("pulp/pulp_scaling.py"));
        String modelId = ours.upload("pulp_scaling.py", Files.readString(script));
        List<int[]> sizes = bench.quick() ? List.of(new int[] {10, 50}, new int[] {20, 150})
                : List.of(new int[] {10, 50}, new int[] {20, 150}, new int[] {30, 300});
        for (int[] size : sizes) {
            Map<String, Object> config = new HashMap<>(Map.of("facilities", size[0], "customers", size[1]));
            String json = "{\"facilities\": " + size[0] + ", \"customers\": " + size[1] + "}";
            List<Timing> oursRuns = new ArrayList<>();
            List<Timing> cpythonRuns = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) {
                Run run = Bench.checked(ours.run(modelId, config));
                oursRuns.add(ourTiming(ours, run));
                DebianPython.Output out = cpython.run(script, json, bench.workDirectory().resolve("cpython-scaling"));
                check(out);
                cpythonRuns.add(cpythonTiming(out));
            }
            String name = "facility location " + size[0] + "x" + size[1] + " (size " + String.format("%,d", oursRuns.get(0).size()) + ")";
            Timing o = median(oursRuns.subList(1, oursRuns.size()));
            Timing p = median(cpythonRuns.subList(1, cpythonRuns.size()));
            boolean largest = size == sizes.get(sizes.size() - 1);
            table.add(new Table.Row(section, name + ": whole job, first run", Table.number(oursRuns.get(0).job(), 2),
                    Table.number(cpythonRuns.get(0).job(), 2), Table.speedup(oursRuns.get(0).job(), cpythonRuns.get(0).job()), "", ""));
            table.add(new Table.Row(section, name + ": whole job", Table.number(o.job(), 2), Table.number(p.job(), 2),
                    Table.speedup(o.job(), p.job()), largest ? "<= 1.5x CPython's time" : "",
                    largest ? Table.met(o.job() <= 1.5 * p.job()) : ""));
            table.add(new Table.Row(section, name + ": building the problem", Table.number(o.build(), 2),
                    Table.number(p.build(), 2), Table.speedup(o.build(), p.build()), "", ""));
            table.add(new Table.Row(section, name + ": prob.solve() call", Table.number(o.solveCall(), 2),
                    Table.number(p.solveCall(), 2), Table.speedup(o.solveCall(), p.solveCall()), "", ""));
            table.add(new Table.Row(section, name + ": the solver alone (ours: worker; CPython: CBC's wall clock)",
                    Table.number(o.solver(), 2), Table.number(p.solver(), 2), Table.speedup(o.solver(), p.solver()),
                    largest ? "no slower than CBC's own program" : "", largest ? Table.met(o.solver() <= p.solver() * 1.05) : ""));
            if (Math.abs(o.objective() - p.objective()) > 1e-6 * Math.max(1, Math.abs(p.objective()))) {
                throw new IllegalStateException(name + ": objectives differ, " + o.objective() + " against " + p.objective());
            }
        }
    }

    private static Timing ourTiming(OurRunner ours, Run run) {
        for (LogLine line : ours.sandbox().jobs().logs(run.jobId(), LogQuery.all())) {
            Matcher m = TIMING.matcher(line.message());
            if (m.find()) {
                return new Timing(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                        run.doneMs() / 1000, Double.parseDouble(m.group(6)), Long.parseLong(m.group(7)));
            }
        }
        throw new IllegalStateException("job " + run.jobId() + " printed no timing line");
    }

    private static Timing cpythonTiming(DebianPython.Output out) {
        double cbcWall = -1;
        for (String line : out.lines()) {
            Matcher wall = CBC_WALL.matcher(line);
            if (wall.find()) {
                cbcWall = Double.parseDouble(wall.group(1));
            }
        }
        Matcher m = TIMING.matcher(out.lastLine());
        if (!m.find()) {
            throw new IllegalStateException("python3 printed no timing line: " + out.lastLine());
        }
        return new Timing(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), cbcWall, out.doneMs() / 1000,
                Double.parseDouble(m.group(6)), Long.parseLong(m.group(7)));
    }

    private static Timing median(List<Timing> runs) {
        return new Timing(Stats.median(runs.stream().map(Timing::build).toList()),
                Stats.median(runs.stream().map(Timing::solveCall).toList()),
                Stats.median(runs.stream().map(Timing::solver).toList()),
                Stats.median(runs.stream().map(Timing::job).toList()),
                runs.get(0).objective(), runs.get(0).size());
    }

    private static void check(DebianPython.Output out) {
        if (out.status() != 0) {
            throw new IllegalStateException("python3 exited " + out.status() + ": " + out.lastLine());
        }
    }
}
