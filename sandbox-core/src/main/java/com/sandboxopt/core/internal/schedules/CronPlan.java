package com.sandboxopt.core.internal.schedules;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression read in an IANA time zone, as a market desk means it. Five fields (minute hour day-of-month month
 * day-of-week) read as Unix cron does, six (seconds first) as Spring does. Around a clock change a time of day fires
 * once: a time the clock skips fires when the clock jumps (02:30 on the spring-forward day fires at 03:00), a time the
 * clock passes twice fires the first time. An expression whose hour is {@code *} runs by the clock instead (every 15
 * minutes stays every 15 real minutes), so the skipped hour has no firings and the repeated hour has them twice.
 */
public final class CronPlan {
    private static final CronParser FIVE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
    private static final String[] FIVE_NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final String[] SIX_NAMES = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};
    /** Local matches looked at per search before giving up: far more than any clock change can skip. */
    private static final int MAX_STEPS = 10_000;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;
    private final boolean byTheClock;

    private CronPlan(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.times = ExecutionTime.forCron(cron);
        this.byTheClock = cron.retrieve(CronFieldName.HOUR).getExpression() instanceof Always;
    }

    /**
     * @throws SandboxException INVALID_ARGUMENT naming the field that is wrong, an unknown time zone, or an expression
     *                          that never fires
     */
    public static CronPlan parse(String expression, String timezone) {
        ZoneId zone = zone(timezone);
        if (expression == null || expression.isBlank()) {
            throw invalid("cron is empty: give 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds"
                    + " first), e.g. '0 6 * * *' for 06:00 every day");
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw invalid("cron '" + expression.strip() + "' has " + fields.length + " fields: give 5 (minute hour"
                    + " day-of-month month day-of-week) or 6 (seconds first)");
        }
        String normal = String.join(" ", fields);
        CronParser parser = fields.length == 5 ? FIVE : SIX;
        Cron cron;
        try {
            cron = parser.parse(normal).validate();
        } catch (IllegalArgumentException e) {
            throw invalid(wrongField(parser, fields) + ": " + e.getMessage());
        }
        CronPlan plan = new CronPlan(normal, zone, cron);
        if (plan.nextAfter(Instant.now()).isEmpty()) {
            throw invalid("cron '" + normal + "' never fires (e.g. the 30th of February): check its day and month");
        }
        return plan;
    }

    /** An IANA zone such as {@code Europe/Berlin}; null or blank is UTC. */
    public static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw invalid("timezone '" + timezone.strip() + "' is not a time zone: give an IANA name such as"
                    + " Europe/Berlin, America/New_York or UTC");
        }
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first firing strictly after {@code after}; empty when there is none. */
    public Optional<Instant> nextAfter(Instant after) {
        // Local times run backwards across a fall-back change, so search from the local time under each offset in
        // force around the instant, and keep the earliest firing after it.
        ZoneRules rules = zone.getRules();
        Instant best = null;
        for (ZoneOffset offset : offsetsAround(rules, after)) {
            Instant found = search(LocalDateTime.ofInstant(after, offset), after, rules);
            if (found != null && (best == null || found.isBefore(best))) {
                best = found;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The next {@code count} firings after {@code after}, in the zone's time. */
    public List<ZonedDateTime> next(Instant after, int count) {
        List<ZonedDateTime> runs = new ArrayList<>(count);
        Instant at = after;
        while (runs.size() < count) {
            Optional<Instant> next = nextAfter(at);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
            runs.add(at.atZone(zone));
        }
        return runs;
    }

    private Instant search(LocalDateTime from, Instant after, ZoneRules rules) {
        // cron-utils walks local fields (so: a zone without changes), and keeps the fraction of a second it starts from
        ZonedDateTime cursor = from.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> match = times.nextExecution(cursor);
            if (match.isEmpty()) {
                return null;
            }
            cursor = match.get();
            Instant firing = firstFiringAfter(cursor.toLocalDateTime(), after, rules);
            if (firing != null) {
                return firing;
            }
        }
        return null;
    }

    /** When a local time fires, if after {@code after}: once normally, by the rules above around clock changes. */
    private Instant firstFiringAfter(LocalDateTime local, Instant after, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        List<Instant> firings = new ArrayList<>(2);
        if (offsets.isEmpty()) {
            if (!byTheClock) {
                firings.add(rules.getTransition(local).getInstant());
            }
        } else {
            firings.add(local.toInstant(offsets.get(0)));
            if (offsets.size() == 2 && byTheClock) {
                firings.add(local.toInstant(offsets.get(1)));
            }
        }
        return firings.stream().filter(t -> t.isAfter(after)).min(Instant::compareTo).orElse(null);
    }

    private static List<ZoneOffset> offsetsAround(ZoneRules rules, Instant at) {
        List<ZoneOffset> offsets = new ArrayList<>(2);
        offsets.add(rules.getOffset(at));
        ZoneOffsetTransition previous = rules.previousTransition(at);
        if (previous != null && previous.getInstant().isAfter(at.minusSeconds(2 * 86_400))) {
            addOnce(offsets, previous.getOffsetBefore());
        }
        ZoneOffsetTransition next = rules.nextTransition(at);
        if (next != null && next.getInstant().isBefore(at.plusSeconds(2 * 86_400))) {
            addOnce(offsets, next.getOffsetAfter());
        }
        return offsets;
    }

    private static void addOnce(List<ZoneOffset> offsets, ZoneOffset offset) {
        if (!offsets.contains(offset)) {
            offsets.add(offset);
        }
    }

    /** Which field is wrong: the first that fails to parse with every other field set to '*'. */
    private static String wrongField(CronParser parser, String[] fields) {
        String[] names = fields.length == 5 ? FIVE_NAMES : SIX_NAMES;
        for (int i = 0; i < fields.length; i++) {
            String[] alone = new String[fields.length];
            java.util.Arrays.fill(alone, "*");
            alone[i] = fields[i];
            try {
                parser.parse(String.join(" ", alone)).validate();
            } catch (IllegalArgumentException e) {
                return "cron field " + (i + 1) + " (" + names[i] + ") '" + fields[i] + "' is wrong";
            }
        }
        return "cron '" + String.join(" ", fields) + "' is wrong";
    }

    private static SandboxException invalid(String message) {
        return new SandboxException(ErrorCode.INVALID_ARGUMENT, message);
    }

    @Override
    public String toString() {
        return expression + " (" + zone.getId() + ")";
    }
}
