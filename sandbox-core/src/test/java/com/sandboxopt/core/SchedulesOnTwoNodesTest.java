package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sandboxopt.core.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two nodes on one real PostgreSQL database fire each schedule time once between them, also when one stops. */
class SchedulesOnTwoNodesTest {

    @Test
    void everyFireTimeGetsExactlyOneJobOrSkipWhicheverNodesRun() {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        Sandbox nodeA = node(database, "node-a");
        Sandbox nodeB = node(database, "node-b");
        try {
            Model model = TestSandbox.upload(nodeA, "tick.py", ModelType.RMO, "print('tick')\n");
            Schedule schedule = nodeB.schedules().create(ScheduleDraft.cron("every second", model.id(), "* * * * * *"));
            Instant from = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> firings(nodeA, schedule.id()).size() >= 6);
            nodeA.close(); // one node goes away: the other goes on alone
            int beforeStop = firings(nodeB, schedule.id()).size();
            await().atMost(Duration.ofSeconds(60)).until(() -> firings(nodeB, schedule.id()).size() >= beforeStop + 5);
            nodeB.schedules().pause(schedule.id());
            Instant to = Instant.now().minusSeconds(2);

            Map<Instant, Integer> perFireTime = firings(nodeB, schedule.id());
            assertThat(perFireTime.values()).as("jobs and skips per fire time").containsOnly(1);
            List<Instant> seconds = perFireTime.keySet().stream().filter(t -> t.isAfter(from) && t.isBefore(to)).sorted().toList();
            for (int i = 1; i < seconds.size(); i++) {
                assertThat(Duration.between(seconds.get(i - 1), seconds.get(i))).as("no fire time lost after " + seconds.get(i - 1))
                        .isEqualTo(Duration.ofSeconds(1));
            }
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    /** Fire time to the number of jobs and skips recorded for it. */
    private static Map<Instant, Integer> firings(Sandbox node, String scheduleId) {
        Map<Instant, Integer> count = new HashMap<>();
        for (Job job : node.jobs().list(JobQuery.ofSchedule(scheduleId, 10_000))) {
            count.merge(job.origin().scheduledFor(), 1, Integer::sum);
        }
        for (ScheduleSkip skip : node.schedules().get(scheduleId).skipped()) {
            count.merge(skip.scheduledFor(), 1, Integer::sum);
        }
        return count;
    }

    private static Sandbox node(TestPostgres.Database database, String id) {
        return Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(database.url(), database.user(), database.password())
                .nodeId(id).nodeTimeout(Duration.ofSeconds(2)).poolSize(1).build();
    }
}
