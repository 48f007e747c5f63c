package com.sandboxopt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU-bound pure-Python models: first run and median of repeats, ours (submit to completed) against
 * CPython (process wall time; in brackets the time CPython's own clock measured around the model).
 */
final class ComputeSection {
    /** A model to time: its source for us, its file and JSON config for CPython. */
    record Case(String name, String source, Map<String, Object> config, Path file, String configJson) {
    }

    private ComputeSection() {
    }

    static void run(Bench bench, Table table, List<Case> cases) {
        int repeats = bench.quick() ? 3 : 5;
        String section = "compute (s; " + repeats + " repeats)";
        List<Double> firstRatios = new ArrayList<>();
        List<Double> repeatSpeedups = new ArrayList<>();
        for (Case c : cases) {
            String modelId = bench.ours().upload(c.name() + ".py", c.source());
            List<Run> ours = new ArrayList<>();
            List<Run> cpython = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) { // interleaved, so both sides see the same background load
                ours.add(Bench.checked(bench.ours().run(modelId, c.config())));
                cpython.add(Bench.checked(bench.cpython().run(bench.timedRunScript(), c.file().toString(), c.configJson())));
            }
            double oursFirst = ours.get(0).doneMs() / 1000;
            double cpythonFirst = cpython.get(0).doneMs() / 1000;
            double oursRepeat = Stats.median(ours.subList(1, ours.size()).stream().map(r -> r.doneMs() / 1000).toList());
            double cpythonRepeat = Stats.median(cpython.subList(1, cpython.size()).stream().map(r -> r.doneMs() / 1000).toList());
            double cpythonInProcess = Stats.median(cpython.subList(1, cpython.size()).stream().map(r -> r.inProcessMs() / 1000).toList());
            firstRatios.add(oursFirst / cpythonFirst);
            repeatSpeedups.add(cpythonRepeat / oursRepeat);
            table.add(new Table.Row(section, c.name() + " first run", Table.number(oursFirst, 2),
                    Table.number(cpythonFirst, 2) + " (in-process " + Table.number(cpython.get(0).inProcessMs() / 1000, 2) + ")",
                    Table.speedup(oursFirst, cpythonFirst), "", ""));
            table.add(new Table.Row(section, c.name() + " repeat median", Table.number(oursRepeat, 2),
                    Table.number(cpythonRepeat, 2) + " (in-process " + Table.number(cpythonInProcess, 2) + ")",
                    Table.speedup(oursRepeat, cpythonRepeat), "", ""));
        }
        double repeatGeomean = Stats.geomean(repeatSpeedups);
        double firstGeomean = Stats.geomean(firstRatios);
        table.add(new Table.Row(section, "geomean speedup, repeat runs", "", "", Table.number(repeatGeomean, 2) + "x",
                ">= 2x faster", Table.met(repeatGeomean >= 2)));
        table.add(new Table.Row(section, "geomean time ours/CPython, first runs", "", "", Table.number(firstGeomean, 2) + "x",
                "<= 3x", Table.met(firstGeomean <= 3)));
    }
}
