package com.sandboxopt.core;

import java.util.Locale;

/**
 * What a model version must keep against the baseline on one metric, within a tolerance.
 *
 * @param metric    a metric name: a number of the result ({@code objective}, {@code prices.mean}), a reported metric
 *                  ({@code mip_gap}), or what the sandbox measured: {@code duration_ms}, {@code cpu_ms},
 *                  {@code peak_memory_bytes}
 * @param direction how it compares
 * @param tolerance how far past the baseline still passes (0 or more)
 */
public record AcceptanceRule(String metric, Direction direction, double tolerance) {
    /** How a value compares with the baseline's. */
    public enum Direction {
        /** Lower is better: passes when the value is at most the baseline's plus the tolerance. */
        NO_WORSE_MIN,
        /** Higher is better: passes when the value is at least the baseline's minus the tolerance. */
        NO_WORSE_MAX,
        /** Passes when the value is within the tolerance of the baseline's. */
        EQUAL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Direction parse(String name) {
            for (Direction direction : values()) {
                if (direction.wireName().equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
                    return direction;
                }
            }
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Unknown direction '" + name
                    + "': use no-worse-min, no-worse-max or equal");
        }
    }

    public AcceptanceRule {
        if (metric == null || metric.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "An acceptance rule needs a metric");
        }
        metric = metric.strip();
        if (direction == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The rule on " + metric + " needs a direction:"
                    + " no-worse-min, no-worse-max or equal");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The rule on " + metric + " needs a tolerance of 0"
                    + " or more, was " + tolerance);
        }
    }

    /** Whether {@code value} passes against {@code baseline}. */
    public boolean passes(double value, double baseline) {
        return switch (direction) {
            case NO_WORSE_MIN -> value <= baseline + tolerance;
            case NO_WORSE_MAX -> value >= baseline - tolerance;
            case EQUAL -> Math.abs(value - baseline) <= tolerance;
        };
    }
}
