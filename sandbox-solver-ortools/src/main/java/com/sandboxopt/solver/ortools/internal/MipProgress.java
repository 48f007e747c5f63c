package com.sandboxopt.solver.ortools.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MIP solver's log lines for its progress: the incumbent (best solution's objective) and
 * the best bound, as CBC, SCIP and HiGHS print them while they branch. Each backend's log has its
 * own shape; a line that says nothing about progress is ignored.
 */
public abstract class MipProgress {
    /** Receives progress: {@code incumbent} is NaN until a solution is found. */
    public interface Listener {
        void progress(double incumbent, double bound);
    }

    protected double incumbent = Double.NaN;
    protected double bound = Double.NaN;

    /** Reads one line; reports to the listener when it told something new. */
    public abstract void read(String line, Listener listener);

    /** The parser for an OR-Tools solver id, or one that reads nothing. */
    public static MipProgress of(String solverId) {
        return switch (solverId) {
            case "CBC" -> new Cbc();
            case "SCIP" -> new Scip();
            case "HIGHS" -> new Highs();
            default -> new MipProgress() {
                @Override
                public void read(String line, Listener listener) {
                }
            };
        };
    }

    protected void report(double newIncumbent, double newBound, Listener listener) {
        incumbent = Double.isNaN(newIncumbent) ? incumbent : newIncumbent;
        bound = Double.isNaN(newBound) ? bound : newBound;
        listener.progress(incumbent, bound);
    }

    static double number(String text) {
        try {
            double value = Double.parseDouble(text.replace("%", ""));
            return Math.abs(value) >= 1e49 ? Double.NaN : value; // CBC's 1e50 means "none yet"
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code Integer solution of 2514 found ...}, {@code After 1000 nodes, 45 on tree, 3926 best solution, best possible 3948.2 ...}. */
    static final class Cbc extends MipProgress {
        private static final String NUMBER = "(-?[0-9.]+(?:e[+-]?\\d+)?)";
        private static final Pattern SOLUTION = Pattern.compile("Integer solution of " + NUMBER + " found");
        private static final Pattern NODES = Pattern.compile("After \\d+ nodes, \\d+ on tree, " + NUMBER
                + " best solution, best possible " + NUMBER);
        private static final Pattern CONTINUOUS = Pattern.compile("Continuous objective value is " + NUMBER);

        @Override
        public void read(String line, Listener listener) {
            Matcher m;
            if ((m = NODES.matcher(line)).find()) {
                report(number(m.group(1)), number(m.group(2)), listener);
            } else if ((m = SOLUTION.matcher(line)).find()) {
                report(number(m.group(1)), Double.NaN, listener);
            } else if ((m = CONTINUOUS.matcher(line)).find()) {
                report(Double.NaN, number(m.group(1)), listener);
            }
        }
    }

    /** SCIP's status table: the header names the columns, rows hold {@code dualbound | primalbound}. */
    static final class Scip extends MipProgress {
        private int dualColumn = -1;
        private int primalColumn = -1;

        @Override
        public void read(String line, Listener listener) {
            String[] cells = line.split("\\|");
            if (line.contains("dualbound") && line.contains("primalbound")) {
                for (int i = 0; i < cells.length; i++) {
                    String cell = cells[i].strip();
                    if (cell.equals("dualbound")) {
                        dualColumn = i;
                    } else if (cell.equals("primalbound")) {
                        primalColumn = i;
                    }
                }
                return;
            }
            if (dualColumn < 0 || cells.length <= Math.max(dualColumn, primalColumn)) {
                return;
            }
            double dual = number(cells[dualColumn].strip());
            double primal = number(cells[primalColumn].strip());
            if (!Double.isNaN(dual) || !Double.isNaN(primal)) {
                report(primal, dual, listener);
            }
        }
    }

    /** HiGHS' branch-and-bound table: {@code [src] proc inqueue leaves expl% bestbound bestsol gap% ...}. */
    static final class Highs extends MipProgress {
        private boolean inTable;

        @Override
        public void read(String line, Listener listener) {
            if (line.contains("BestBound") && line.contains("BestSol")) {
                inTable = true;
                return;
            }
            if (!inTable) {
                return;
            }
            if (line.contains("Solving report")) {
                inTable = false;
                return;
            }
            String[] tokens = line.strip().split("\\s+");
            int first = tokens.length > 0 && !tokens[0].isEmpty() && Character.isLetter(tokens[0].charAt(0)) ? 1 : 0;
            if (tokens.length < first + 7 || !tokens[first + 3].endsWith("%")) {
                return;
            }
            double best = number(tokens[first + 4]);
            double solution = number(tokens[first + 5]);
            report(solution, best, listener);
        }
    }
}
