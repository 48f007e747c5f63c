package com.sandboxopt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code docs/benchmarks.csv} and {@code docs/BENCHMARKS.md}. Each mode (quick, full) owns
 * its CSV rows and its marked block in the Markdown file; everything else there (the analysis) is kept.
 */
final class Report {
    private static final String TITLE = """
            # Benchmarks

            `./sandbox bench` (full) and `./sandbox bench --quick` measure sandbox-core against CPython
            (one `python3` subprocess per job) in one JVM run and rewrite their own block below and their
            rows in `docs/benchmarks.csv`. The machine is shared and noisy: read medians, not single runs.

            """;

    private Report() {
    }

    static void write(Path docs, String mode, String facts, Table table) throws IOException {
        Files.createDirectories(docs);
        Path csv = docs.resolve("benchmarks.csv");
        List<String> lines = new ArrayList<>();
        lines.add(Table.csvHeader());
        if (Files.exists(csv)) {
            Files.readAllLines(csv).stream().skip(1).filter(l -> !l.startsWith(mode + ",")).forEach(lines::add);
        }
        lines.addAll(table.csv(mode));
        Files.write(csv, lines);
        writeMarkdown(docs, mode, facts, table);
    }

    /** Only the mode's block in {@code docs/BENCHMARKS.md} (a table with columns of its own has no CSV rows). */
    static void writeMarkdown(Path docs, String mode, String facts, Table table) throws IOException {
        Files.createDirectories(docs);
        Path markdown = docs.resolve("BENCHMARKS.md");
        String text = Files.exists(markdown) ? Files.readString(markdown) : TITLE;
        String begin = "<!-- results:" + mode + " -->";
        String end = "<!-- /results:" + mode + " -->";
        String block = begin + "\n## Results: " + mode + " mode\n\n" + facts + "\n" + table.markdown() + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        } else {
            int analysis = text.indexOf("## Analysis");
            text = analysis >= 0 ? text.substring(0, analysis) + block + "\n\n" + text.substring(analysis) : text + block + "\n";
        }
        Files.writeString(markdown, text);
    }
}
