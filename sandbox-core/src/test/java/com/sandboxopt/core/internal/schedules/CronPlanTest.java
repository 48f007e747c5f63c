package com.sandboxopt.core.internal.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronPlanTest {

    @Test
    void aDailyTimeTheClockSkipsFiresOnceWhenTheClockJumps() {
        // Europe/Berlin springs forward on 2027-03-28 at 02:00 to 03:00: 02:30 does not exist that day
        List<String> runs = runs("30 2 * * *", "Europe/Berlin", "2027-03-26T12:00:00Z", 4);

        assertThat(runs).containsExactly("2027-03-27T02:30+01:00[Europe/Berlin]",
                "2027-03-28T03:00+02:00[Europe/Berlin]", "2027-03-29T02:30+02:00[Europe/Berlin]",
                "2027-03-30T02:30+02:00[Europe/Berlin]");
    }

    @Test
    void aDailyTimeTheClockPassesTwiceFiresOnce() {
        // Europe/Berlin falls back on 2027-10-31 at 03:00 to 02:00: 02:30 happens twice that day
        List<String> runs = runs("30 2 * * *", "Europe/Berlin", "2027-10-29T12:00:00Z", 3);

        assertThat(runs).containsExactly("2027-10-30T02:30+02:00[Europe/Berlin]",
                "2027-10-31T02:30+02:00[Europe/Berlin]", "2027-11-01T02:30+01:00[Europe/Berlin]");
    }

    @Test
    void newYorkChangesItsClockAtTwoInTheMorningAndTheRulesHoldThereToo() {
        // America/New_York: 2027-03-14 02:00 -> 03:00, 2027-11-07 02:00 -> 01:00
        assertThat(runs("30 2 * * *", "America/New_York", "2027-03-13T12:00:00Z", 2))
                .containsExactly("2027-03-14T03:00-04:00[America/New_York]", "2027-03-15T02:30-04:00[America/New_York]");
        assertThat(runs("30 1 * * *", "America/New_York", "2027-11-06T12:00:00Z", 2))
                .containsExactly("2027-11-07T01:30-04:00[America/New_York]", "2027-11-08T01:30-05:00[America/New_York]");
    }

    @Test
    void everyFifteenMinutesStaysEveryFifteenRealMinutesAcrossBothChanges() {
        CronPlan plan = CronPlan.parse("*/15 * * * *", "Europe/Berlin");

        for (String from : List.of("2027-03-28T00:00:00Z", "2027-10-30T23:50:00Z")) {
            List<ZonedDateTime> runs = plan.next(Instant.parse(from), 12);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(Duration.between(runs.get(i - 1), runs.get(i))).as("after " + runs.get(i - 1))
                        .isEqualTo(Duration.ofMinutes(15));
            }
        }
    }

    @Test
    void sixFieldsPutSecondsFirstAndReadDayNames() {
        assertThat(runs("*/5 * * * * *", "UTC", "2027-01-04T10:00:00Z", 3))
                .containsExactly("2027-01-04T10:00:05Z[UTC]", "2027-01-04T10:00:10Z[UTC]", "2027-01-04T10:00:15Z[UTC]");
        // 2027-01-08 is a Friday: the next weekday 10:30 after it is Monday the 11th
        assertThat(runs("0 30 10 * * MON-FRI", "Europe/Berlin", "2027-01-08T12:00:00Z", 2))
                .containsExactly("2027-01-11T10:30+01:00[Europe/Berlin]", "2027-01-12T10:30+01:00[Europe/Berlin]");
        assertThat(runs("0 0 12 ? * *", "UTC", "2027-01-08T12:00:00Z", 1)).containsExactly("2027-01-09T12:00Z[UTC]");
        // fire times are whole seconds whenever one asks
        assertThat(runs("* * * * * *", "UTC", "2027-01-08T12:00:00.533Z", 2))
                .containsExactly("2027-01-08T12:00:01Z[UTC]", "2027-01-08T12:00:02Z[UTC]");
    }

    @Test
    void aWrongExpressionNamesTheFieldThatIsWrong() {
        assertInvalid("61 * * * *", "field 1 (minute) '61'");
        assertInvalid("0 24 * * *", "field 2 (hour) '24'");
        assertInvalid("0 0 * 13 *", "field 4 (month) '13'");
        assertInvalid("0 0 * * * * *", "7 fields");
        assertInvalid("0 0 30 2 *", "never fires");
        assertInvalid("", "cron is empty");
    }

    @Test
    void anUnknownTimeZoneIsRefusedByName() {
        assertThatThrownBy(() -> CronPlan.parse("0 6 * * *", "Mars/Olympus"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("timezone 'Mars/Olympus'");
    }

    private static void assertInvalid(String cron, String messagePart) {
        assertThatThrownBy(() -> CronPlan.parse(cron, "UTC"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(messagePart);
    }

    private static List<String> runs(String cron, String zone, String from, int count) {
        List<String> runs = new ArrayList<>();
        CronPlan.parse(cron, zone).next(Instant.parse(from), count).forEach(t -> runs.add(t.toString()));
        return runs;
    }
}
