package com.sandboxopt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The result table: one row per measurement, printed as text, Markdown and CSV. */
final class Table {
    static final List<String> HEADER = List.of("section", "metric", "ours", "cpython", "ours vs cpython", "target", "met");

    /** {@code vs} reads "3.1x faster"/"0.5x (slower)"; {@code met} is "yes", "NO" or empty when there is no target. */
    record Row(String section, String metric, String ours, String cpython, String vs, String target, String met) {
        List<String> cells() {
            return List.of(section, metric, ours, cpython, vs, target, met);
        }
    }

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with the usual columns ({@link #HEADER}: ours against CPython). */
    Table() {
        this(HEADER);
    }

    /** A table with columns of its own (the CPython section: three runtimes side by side); Markdown and text only. */
    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    void add(Row row) {
        add(row.cells());
    }

    /** One row: as many cells as the header has columns. */
    void add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        System.err.println("  " + String.join(" | ", cells));
    }

    String text() {
        int[] widths = new int[header.size()];
        for (List<String> cells : allCells()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        return allCells().stream()
                .map(cells -> line(cells, i -> String.format("%-" + widths[i] + "s", cells.get(i)), "  ").stripTrailing())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    String markdown() {
        String separator = header.stream().map(h -> "---").collect(Collectors.joining("|", "|", "|"));
        return Stream.concat(Stream.of(line(header, header::get, " | "), separator),
                        rows.stream().map(r -> line(r, i -> r.get(i).replace("|", "\\|"), " | ")))
                .map(l -> l.startsWith("|") ? l : "| " + l + " |")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** CSV lines (no header) with the mode ("quick" or "full") as the first column. */
    List<String> csv(String mode) {
        if (!header.equals(HEADER)) {
            throw new IllegalStateException("benchmarks.csv has the usual columns only; this table has " + header);
        }
        return rows.stream()
                .map(r -> Stream.concat(Stream.of(mode), r.stream()).map(Table::csvCell).collect(Collectors.joining(",")))
                .toList();
    }

    static String csvHeader() {
        return Stream.concat(Stream.of("mode"), HEADER.stream()).collect(Collectors.joining(","));
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** "2.3x faster" when ours takes less time than CPython, "0.4x (slower)" otherwise. */
    static String speedup(double oursTime, double cpythonTime) {
        double factor = cpythonTime / oursTime;
        return number(factor, factor < 10 ? 2 : 0) + (factor >= 1 ? "x faster" : "x (slower)");
    }

    static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    private List<List<String>> allCells() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String line(List<String> cells, Function<Integer, String> cell, String separator) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            out.add(cell.apply(i));
        }
        return String.join(separator, out);
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
