package com.sandboxopt.bench;

import com.sandboxopt.core.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model printing N short lines against the same loop printing nothing: end-to-end lines per second
 * (print, stored in H2, delivered to the listener) and lines lost on the way. The same lines written
 * 1,000 per {@code sys.stdout.write} show what storing and delivering cost without {@code print}.
 */
final class LogSection {
    private LogSection() {
    }

    static void run(Bench bench, Table table) {
        int lines = bench.quick() ? 200_000 : 1_000_000;
        int repeats = bench.quick() ? 1 : 3;
        String loud = "for i in range(" + lines + "):\n    print(f\"line {i}\")\n";
        String quiet = "for i in range(" + lines + "):\n    text = f\"line {i}\"\n";
        String loudId = bench.ours().upload("loud.py", loud);
        String quietId = bench.ours().upload("quiet.py", quiet);
        Limits limits = Limits.defaults().withMaxOutputLines(lines + 100L).withMaxOutputBytes(1L << 30);
        List<Double> oursLoud = new ArrayList<>();
        List<Double> oursQuiet = new ArrayList<>();
        List<Double> cpythonLoud = new ArrayList<>();
        List<Double> cpythonQuiet = new ArrayList<>();
        long stored = Long.MAX_VALUE;
        long delivered = Long.MAX_VALUE;
        long cpythonRead = Long.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            Run run = Bench.checked(bench.ours().start(loudId, Map.of(), limits).join());
            oursLoud.add(run.doneMs());
            stored = Math.min(stored, bench.ours().storedLines(run.jobId()));
            delivered = Math.min(delivered, run.lines());
            oursQuiet.add(Bench.checked(bench.ours().start(quietId, Map.of(), limits).join()).doneMs());
            Run cpython = Bench.checked(bench.cpython().run(bench.writeScript("loud.py", loud)));
            cpythonLoud.add(cpython.doneMs());
            cpythonRead = Math.min(cpythonRead, cpython.lines());
            cpythonQuiet.add(Bench.checked(bench.cpython().run(bench.writeScript("quiet.py", quiet))).doneMs());
        }
        double oursRate = lines / (Stats.median(oursLoud) / 1000);
        double cpythonRate = lines / (Stats.median(cpythonLoud) / 1000);
        double oursRatio = Stats.median(oursLoud) / Stats.median(oursQuiet);
        double cpythonRatio = Stats.median(cpythonLoud) / Stats.median(cpythonQuiet);
        String section = "logs (" + Table.number(lines, 0) + " lines, " + repeats + " run" + (repeats > 1 ? "s" : "") + ")";
        table.add(new Table.Row(section, "lines/s end to end (print -> H2 -> listener; CPython: pipe)", Table.number(oursRate, 0),
                Table.number(cpythonRate, 0), Table.speedup(1 / oursRate, 1 / cpythonRate), ">= 200,000/s", Table.met(oursRate >= 200_000)));
        table.add(new Table.Row(section, "time printing / same loop silent (s)",
                Table.number(Stats.median(oursLoud) / 1000, 2) + " / " + Table.number(Stats.median(oursQuiet) / 1000, 2)
                        + " = " + Table.number(oursRatio, 1) + "x",
                Table.number(Stats.median(cpythonLoud) / 1000, 2) + " / " + Table.number(Stats.median(cpythonQuiet) / 1000, 2)
                        + " = " + Table.number(cpythonRatio, 1) + "x",
                "", "<= 2x", Table.met(oursRatio <= 2)));
        long lost = Math.max(lines - stored, lines - delivered);
        table.add(new Table.Row(section, "lines lost (ours: stored, delivered; CPython: read)",
                (lines - stored) + " stored, " + (lines - delivered) + " delivered", String.valueOf(lines - cpythonRead),
                "", "0", Table.met(lost == 0 && stored == lines && delivered == lines)));
        inBulk(bench, table, section, lines, repeats, limits);
        overWebSockets(bench, table, bench.quick() ? 50_000 : lines, cpythonRate);
    }

    private static void inBulk(Bench bench, Table table, String section, int lines, int repeats, Limits limits) {
        String bulk = "import sys\nfor k in range(" + lines / 1_000 + "):\n"
                + "    sys.stdout.write(''.join(['line %d\\n' % (k * 1000 + j) for j in range(1000)]))\n";
        String bulkId = bench.ours().upload("bulk.py", bulk);
        List<Double> ours = new ArrayList<>();
        List<Double> cpython = new ArrayList<>();
        long lost = 0;
        for (int i = 0; i < repeats; i++) {
            Run run = Bench.checked(bench.ours().start(bulkId, Map.of(), limits).join());
            ours.add(run.doneMs());
            lost = Math.max(lost, Math.max(lines - bench.ours().storedLines(run.jobId()), lines - run.lines()));
            cpython.add(Bench.checked(bench.cpython().run(bench.writeScript("bulk.py", bulk))).doneMs());
        }
        double oursRate = lines / (Stats.median(ours) / 1000);
        double cpythonRate = lines / (Stats.median(cpython) / 1000);
        table.add(new Table.Row(section, "lines/s end to end, 1,000 lines per sys.stdout.write (no print; H2 -> listener; "
                + lost + " lost)", Table.number(oursRate, 0), Table.number(cpythonRate, 0),
                Table.speedup(1 / oursRate, 1 / cpythonRate), ">= 200,000/s", Table.met(oursRate >= 200_000 && lost == 0)));
    }

    /** The same model through the server: stored in H2 and delivered to 1 and 10 WebSocket clients. */
    private static void overWebSockets(Bench bench, Table table, int lines, double cpythonRate) {
        String section = "logs via server (" + Table.number(lines, 0) + " lines)";
        String loud = "for i in range(" + lines + "):\n    print(f\"line {i}\")\n";
        try (ServerLogRun server = new ServerLogRun(bench.workDirectory().resolve("server"), lines + 100L, bench.compilerThreads())) {
            server.run(loud, lines, 0); // warm-up: the server has its own engine
            for (int clients : new int[] {1, 10}) {
                ServerLogRun.Result result = server.run(loud, lines, clients);
                double rate = lines / result.seconds();
                table.add(new Table.Row(section, "lines/s end to end (print -> H2 -> " + clients + " WebSocket client"
                        + (clients > 1 ? "s" : "") + "; job alone took " + Table.number(result.jobSeconds(), 1) + " s)",
                        Table.number(rate, 0), Table.number(cpythonRate, 0), Table.speedup(1 / rate, 1 / cpythonRate),
                        ">= 200,000/s", Table.met(rate >= 200_000)));
                long lost = Math.max(lines - result.stored(), lines - result.leastDelivered());
                table.add(new Table.Row(section, "lines lost, " + clients + " client" + (clients > 1 ? "s" : "")
                        + " (stored; fewest any client got in order)", (lines - result.stored()) + " stored, "
                        + (lines - result.leastDelivered()) + " delivered", "", "", "0", Table.met(lost == 0)));
            }
        }
    }
}
