package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventsToSlf4jTest {
    @Test
    void logsEveryEventThroughSlf4jWithAProgressBarPerProgressEvent() throws Exception {
        // slf4j-simple writes to standard error.
        String err = Console.error(() -> assertThat(EventsToSlf4j.run(new String[] {"../models/sample_so_model.py"}))
                .isZero());

        // simplelogger.properties may shorten the logger name "sandbox.jobs" to "jobs"
        assertThat(err).containsPattern("INFO (sandbox\\.)?jobs - SO_\\S+ started \\(SO_\\d+_sample_so_model\\.py\\)")
                .contains("| SO job SO_", "\"hours\": 4", "metric objective = ", "[####################] 100% done",
                        "ended success");
        // 4 hours: one bar per hour plus the start and the end
        assertThat(err.lines().filter(line -> line.contains("jobs - SO_") && line.matches(".*\\[[# ]{20}\\] +\\d+%.*")))
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void drawsAProgressBarProportionalToTheFraction() {
        assertThat(EventsToSlf4j.Slf4jListener.bar(0.5)).isEqualTo("[##########          ]  50%");
        assertThat(EventsToSlf4j.Slf4jListener.bar(0)).isEqualTo("[                    ]   0%");
    }
}
