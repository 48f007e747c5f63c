package com.sandboxopt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Submit-to-first-line and submit-to-exit of {@code print('hello')}, sequential submits, ours and CPython interleaved. */
final class LatencySection {
    private LatencySection() {
    }

    static void run(Bench bench, Table table) {
        int jobs = bench.quick() ? 30 : 200;
        List<Double> oursFirst = new ArrayList<>();
        List<Double> oursDone = new ArrayList<>();
        List<Double> cpythonFirst = new ArrayList<>();
        List<Double> cpythonDone = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Run ours = Bench.checked(bench.ours().run(bench.trivialModel(), Map.of()));
            oursFirst.add(ours.firstLineMs());
            oursDone.add(ours.doneMs());
            Run cpython = Bench.checked(bench.cpython().run(bench.trivialScript()));
            cpythonFirst.add(cpython.firstLineMs());
            cpythonDone.add(cpython.doneMs());
        }
        String section = "latency (" + jobs + " jobs)";
        for (int p : new int[] {50, 95}) {
            double ours = Stats.percentile(oursFirst, p);
            double cpython = Stats.percentile(cpythonFirst, p);
            boolean targeted = p == 50;
            table.add(new Table.Row(section, "submit to first log line p" + p + " (ms)", Table.number(ours, 1),
                    Table.number(cpython, 1), Table.speedup(ours, cpython), targeted ? "3x sooner than CPython" : "",
                    targeted ? Table.met(cpython / ours >= 3) : ""));
        }
        for (int p : new int[] {50, 95}) {
            double ours = Stats.percentile(oursDone, p);
            double cpython = Stats.percentile(cpythonDone, p);
            table.add(new Table.Row(section, "submit to completed p" + p + " (ms)", Table.number(ours, 1),
                    Table.number(cpython, 1), Table.speedup(ours, cpython), "", ""));
        }
    }
}
