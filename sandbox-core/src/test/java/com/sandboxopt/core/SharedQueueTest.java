package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two Sandboxes with their own engines, in one JVM) share one real PostgreSQL database: one queue,
 * one set of jobs, every job's events on both nodes, cancel from either.
 */
class SharedQueueTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static TestPostgres.Database database;
    private static Sandbox nodeA;
    private static Sandbox nodeB;
    private static final EventRecorder EVENTS_A = new EventRecorder();
    private static final EventRecorder EVENTS_B = new EventRecorder();
    private static Model printer;
    private static Model sleeper;

    @BeforeAll
    static void startTwoNodes() {
        database = TestPostgres.get().newDatabase();
        nodeA = node("node-a", EVENTS_A, false);
        nodeB = node("node-b", EVENTS_B, false);
        printer = TestSandbox.upload(nodeA, "printer.py", ModelType.DMO, """
                import sandbox
                import time
                for i in range(20):
                    print(f"line {i}")
                    time.sleep(0.01)
                sandbox.progress(1.0, "all printed")
                """);
        sleeper = TestSandbox.upload(nodeB, "sleeper.py", ModelType.RMO, """
                import time
                print("sleeping")
                while True:
                    time.sleep(0.05)
                """);
    }

    private static Sandbox node(String id, EventRecorder events, boolean requeue) {
        return Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(database.url(), database.user(), database.password())
                .nodeId(id).nodeTimeout(TIMEOUT).requeueInterruptedJobs(requeue)
                .poolSize(1).listener(events).build();
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void jobsSubmittedToEitherNodeRunOnceEachSpreadOverBothAndBothListThemAll() {
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Sandbox node = i % 2 == 0 ? nodeA : nodeB;
            handles.add(node.jobs().execute(ExecutionRequest.of(printer.id())));
        }
        Map<String, Integer> ranOn = new HashMap<>();
        for (JobHandle handle : handles) {
            Job job = handle.await(Duration.ofMinutes(2));
            assertThat(job.status()).as(job.id() + ": " + job.error()).isEqualTo(JobStatus.SUCCESS);
            assertThat(nodeA.jobs().logs(job.id(), LogQuery.all())).extracting(LogLine::seq)
                    .containsExactlyElementsOf(seqs(20)); // each line once: the job ran once
            assertThat(job.placement().nodeId()).isEqualTo(nodeOf(job.id()));
            ranOn.merge(nodeOf(job.id()), 1, Integer::sum);
        }
        assertThat(ranOn).containsOnlyKeys("node-a", "node-b");
        List<String> ids = handles.stream().map(JobHandle::jobId).toList();
        assertThat(nodeA.jobs().list(JobQuery.latest(100)).stream().map(Job::id)).containsAll(ids);
        assertThat(nodeB.jobs().list(JobQuery.latest(100)).stream().map(Job::id)).containsAll(ids);
    }

    @Test
    void aJobsEventsReachTheOtherNodesListenersInOrder() {
        for (int i = 0; i < 4; i++) { // on whichever node ran it, the other only heard of it through the database
            Job job = nodeA.jobs().execute(ExecutionRequest.of(printer.id())).await(Duration.ofMinutes(2));
            EventRecorder remote = nodeOf(job.id()).equals("node-a") ? EVENTS_B : EVENTS_A;
            List<Object> events = awaitEnded(remote, job.id());
            assertThat(events.get(0)).isInstanceOf(JobStarted.class);
            assertThat(events.get(events.size() - 1)).isInstanceOf(JobCompleted.class);
            assertThat(events.stream().filter(LogEvent.class::isInstance).map(e -> ((LogEvent) e).seq()))
                    .containsExactlyElementsOf(seqs(20));
            assertThat(events).filteredOn(ProgressEventCheck::isProgress).hasSize(1);
            // the progress came after the 20 lines printed before it
            assertThat(events.indexOf(events.stream().filter(ProgressEventCheck::isProgress).findFirst().orElseThrow()))
                    .isEqualTo(21);
            LogEvent first = (LogEvent) events.get(1);
            assertThat(first.message()).isEqualTo("line 0");
            assertThat(first.modelType()).isEqualTo(ModelType.DMO);
        }
    }

    @Test
    void dataSourcesAndArtifactsAreServedByEveryNodeWhicheverKeptThem() throws Exception {
        DataSource market = nodeA.dataSources().upload("shared-market", null,
                Map.of("bids.csv", "unit,price\nG1,42\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Model reader = TestSandbox.upload(nodeB, "reader.py", ModelType.SO, """
                import time
                time.sleep(0.5)
                price = open('data/bids.csv').read().splitlines()[1].split(',')[1]
                print('price', price)
                open('output/schedule.csv', 'w').write('hour,mw\\n1,' + price + '\\n')
                """);
        List<JobHandle> both = List.of(nodeB.jobs().execute(ExecutionRequest.of(reader.id()).withDataSourceId(market.id())),
                nodeB.jobs().execute(ExecutionRequest.of(reader.id()).withDataSourceId("shared-market")));
        List<String> ranOn = new ArrayList<>();
        for (JobHandle handle : both) {
            Job job = handle.await(Duration.ofMinutes(2));
            assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
            assertThat(TestSandbox.messages(nodeA, job)).containsExactly("price 42");
            for (Sandbox node : List.of(nodeA, nodeB)) {
                try (java.io.InputStream in = node.jobs().openArtifact(job.id(), "schedule.csv")) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hour,mw\n1,42\n");
                }
            }
            ranOn.add(nodeOf(job.id()));
        }
        assertThat(ranOn).as("one job on each node: B read the data A kept").containsExactlyInAnyOrder("node-a", "node-b");
        try (java.io.InputStream in = nodeB.dataSources().openFile("shared-market", "bids.csv")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("unit,price");
        }
    }

    @Test
    void aCancelSentToOneNodeStopsTheJobOnTheOther() throws Exception {
        JobHandle handle = nodeA.jobs().execute(ExecutionRequest.of(sleeper.id()));
        awaitLine(handle.jobId());
        String runner = nodeOf(handle.jobId());
        Sandbox other = runner.equals("node-a") ? nodeB : nodeA;
        other.jobs().cancel(handle.jobId());
        Job ended = handle.await(Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(ended.error()).isEqualTo("Cancelled by user");
    }

    @Test
    void aCancelOfAQueuedJobEndsItBeforeAnyNodeRunsIt() throws Exception {
        List<JobHandle> busy = List.of(nodeA.jobs().execute(ExecutionRequest.of(sleeper.id())),
                nodeB.jobs().execute(ExecutionRequest.of(sleeper.id())));
        busy.forEach(handle -> awaitLine(handle.jobId())); // both job threads are taken
        JobHandle waiting = nodeA.jobs().execute(ExecutionRequest.of(printer.id()));
        assertThat(nodeB.jobs().get(waiting.jobId()).status()).isEqualTo(JobStatus.QUEUED);
        nodeB.jobs().cancel(waiting.jobId());
        Job ended = waiting.await(Duration.ofSeconds(30));
        assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(ended.times().startedAt()).isNull();
        assertThat(nodeA.jobs().logs(ended.id(), LogQuery.all())).isEmpty();
        busy.forEach(handle -> nodeB.jobs().cancel(handle.jobId()));
        busy.forEach(handle -> assertThat(handle.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED));
    }

    @Test
    void aJobQueuedPastItsDeadlineWhileEveryNodeIsBusyEndsTimedOutOnBothNodes() {
        List<JobHandle> busy = List.of(nodeA.jobs().execute(ExecutionRequest.of(sleeper.id())),
                nodeB.jobs().execute(ExecutionRequest.of(sleeper.id())));
        busy.forEach(handle -> awaitLine(handle.jobId())); // both job threads are taken
        Instant deadline = Instant.now().plusSeconds(2);
        JobHandle waiting = nodeA.jobs().execute(ExecutionRequest.of(printer.id()).withDeadline(deadline));

        Job ended = waiting.await(Duration.ofSeconds(30));

        assertThat(ended.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(ended.error()).isEqualTo("Its deadline " + deadline.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                + " passed while it was queued: it did not start");
        assertThat(ended.times().startedAt()).isNull();
        assertThat(ended.times().finishedAt()).isBetween(deadline, deadline.plusSeconds(2)); // looked for every second
        for (EventRecorder events : List.of(EVENTS_A, EVENTS_B)) {
            assertThat(awaitEnded(events, ended.id())).singleElement().isInstanceOfSatisfying(JobFailed.class,
                    failed -> assertThat(failed.status()).isEqualTo(JobStatus.TIMED_OUT));
        }
        busy.forEach(handle -> nodeB.jobs().cancel(handle.jobId()));
        busy.forEach(handle -> assertThat(handle.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED));
    }

    @Test
    void theRunningJobsOfANodeThatStoppedFailNamingTheNode() throws Exception {
        String jobId = "SO_1_ghost1";
        try (Connection sql = connect()) {
            insertRunningJob(sql, jobId, "ghost");
            try (PreparedStatement ps = sql.prepareStatement("INSERT INTO sandbox_node (id, started_at, heartbeat_at)"
                    + " VALUES ('ghost', CURRENT_TIMESTAMP - INTERVAL '1 minute', CURRENT_TIMESTAMP - INTERVAL '1 minute')")) {
                ps.executeUpdate();
            }
        }
        List<Object> events = awaitEnded(EVENTS_B, jobId);
        JobFailed failed = (JobFailed) events.get(events.size() - 1);
        assertThat(failed.error()).isEqualTo("interrupted: node ghost stopped");
        assertThat(awaitEnded(EVENTS_A, jobId).get(0)).isInstanceOf(JobFailed.class);
        Job job = nodeA.jobs().get(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("interrupted: node ghost stopped");
        try (Connection sql = connect(); Statement st = sql.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sandbox_node WHERE id = 'ghost'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void withRequeueAStoppedNodesJobRunsAgainOnceContinuingItsLines() throws Exception {
        // a database of its own: every node of a database should agree on requeue, and nodes A and B do not requeue
        TestPostgres.Database own = TestPostgres.get().newDatabase();
        String jobId = "DMO_1_ghost2";
        EventRecorder events = new EventRecorder();
        try (Sandbox requeuing = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(own.url(), own.user(), own.password()).nodeId("node-r").nodeTimeout(TIMEOUT)
                .requeueInterruptedJobs(true).poolSize(1).listener(events).build();
             Connection sql = DriverManager.getConnection(own.url(), own.user(), own.password())) {
            Model model = TestSandbox.upload(requeuing, "printer.py", ModelType.DMO, nodeA.models().source(printer.id()));
            insertRunningJob(sql, jobId, "ghost2", model);
            try (com.sandboxopt.core.internal.storage.JdbcStorage storage = com.sandboxopt.core.internal.storage.JdbcStorage
                    .pooled(own.url(), own.user(), own.password(), 2)) {
                storage.appendLogs(List.of(new LogLine(jobId, 1, LogLevel.INFO, "first attempt 1", Instant.now()),
                        new LogLine(jobId, 2, LogLevel.INFO, "first attempt 2", Instant.now())));
            }
            try (Statement st = sql.createStatement()) {
                st.executeUpdate("INSERT INTO sandbox_node (id, started_at, heartbeat_at)"
                        + " VALUES ('ghost2', CURRENT_TIMESTAMP - INTERVAL '1 minute', CURRENT_TIMESTAMP - INTERVAL '1 minute')");
            }
            List<Object> ended = awaitEnded(events, jobId);
            assertThat(ended.get(ended.size() - 1)).isInstanceOf(JobCompleted.class);
            Job job = requeuing.jobs().get(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
            List<LogLine> lines = requeuing.jobs().logs(jobId, LogQuery.all());
            assertThat(lines).extracting(LogLine::seq).containsExactlyElementsOf(seqs(23));
            assertThat(lines.get(0).message()).isEqualTo("first attempt 1");
            assertThat(lines.get(2).level()).isEqualTo(LogLevel.WARNING);
            assertThat(lines.get(2).message()).startsWith("Running again on node node-r (attempt 2)");
            assertThat(lines.get(3).message()).isEqualTo("line 0");
            assertThat(job.outcome().lineCount()).isEqualTo(23);
        }
    }

    @Test
    void withNoRoomToWaitAJobIsTakenWhileAJobThreadIsFreeAndRefusedOnceNoneIs() {
        TestPostgres.Database own = TestPostgres.get().newDatabase();
        try (Sandbox small = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(own.url(), own.user(), own.password()).nodeId("node-q").poolSize(1).maxQueueLength(0).build()) {
            Model model = TestSandbox.upload(small, "sleeper.py", ModelType.RMO, nodeA.models().source(sleeper.id()));
            JobHandle running = small.jobs().execute(ExecutionRequest.of(model.id())); // the free job thread takes it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (small.jobs().logs(running.jobId(), LogQuery.all()).isEmpty() && System.nanoTime() < deadline) {
                sleep(20);
            }
            SandboxException full = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> small.jobs().execute(ExecutionRequest.of(model.id())), SandboxException.class);
            assertThat(full.code()).isEqualTo(ErrorCode.QUEUE_FULL);
            assertThat(full.getMessage()).contains("0 jobs waiting on all nodes", "raise maxQueueLength");
            small.jobs().cancel(running.jobId());
            assertThat(running.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void aHandleWhoseEndNoEventBroughtCompletesFromStorageAtTheNextHeartbeat() throws Exception {
        TestPostgres.Database own = TestPostgres.get().newDatabase();
        try (Sandbox quiet = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(own.url(), own.user(), own.password()).nodeId("node-h").nodeTimeout(TIMEOUT).poolSize(1).build();
             Connection sql = DriverManager.getConnection(own.url(), own.user(), own.password())) {
            Model model = TestSandbox.upload(quiet, "sleeper.py", ModelType.RMO, nodeA.models().source(sleeper.id()));
            JobHandle running = quiet.jobs().execute(ExecutionRequest.of(model.id()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (quiet.jobs().logs(running.jobId(), LogQuery.all()).isEmpty() && System.nanoTime() < deadline) {
                sleep(20);
            }
            JobHandle waiting = quiet.jobs().execute(ExecutionRequest.of(model.id())); // queued behind the busy thread
            try (PreparedStatement ps = sql.prepareStatement("UPDATE job_run SET status = 'cancelled',"
                    + " error = 'ended elsewhere', finished_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                ps.setString(1, waiting.jobId()); // as another node would, but without a message
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            Job ended = waiting.await(Duration.ofSeconds(30));
            assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(ended.error()).isEqualTo("ended elsewhere");
            quiet.jobs().cancel(running.jobId());
            assertThat(running.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void aRestartedNodeFailsOnlyTheJobsItWasRunning() throws Exception {
        try (Connection sql = connect()) {
            insertRunningJob(sql, "SO_1_mine01", "node-c");
            insertRunningJob(sql, "SO_1_other1", "node-b");
        }
        try (Sandbox restarted = node("node-c", new EventRecorder(), false)) {
            Job mine = restarted.jobs().get("SO_1_mine01");
            assertThat(mine.status()).isEqualTo(JobStatus.FAILED);
            assertThat(mine.error()).isEqualTo("interrupted by restart of node node-c");
            assertThat(restarted.jobs().get("SO_1_other1").status()).isEqualTo(JobStatus.RUNNING);
            assertThat(restarted.nodeId()).contains("node-c");
        } finally {
            try (Connection sql = connect(); Statement st = sql.createStatement()) {
                st.executeUpdate("UPDATE job_run SET status = 'failed' WHERE id = 'SO_1_other1'");
            }
        }
    }

    private static void insertRunningJob(Connection sql, String jobId, String node) throws SQLException {
        insertRunningJob(sql, jobId, node, printer);
    }

    private static void insertRunningJob(Connection sql, String jobId, String node, Model model) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("INSERT INTO job_run (id, model_id, model_name, model_type,"
                + " status, config, runtime, created_at, started_at, node_id, attempts)"
                + " VALUES (?, ?, ?, 'SO', 'running', '{}', 'graalpy', ?, ?, ?, 1)")) {
            ps.setString(1, jobId);
            ps.setString(2, model.id());
            ps.setString(3, model.name());
            ps.setObject(4, Instant.now().atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(5, Instant.now().atOffset(java.time.ZoneOffset.UTC));
            ps.setString(6, node);
            ps.executeUpdate();
        }
    }

    private static final class ProgressEventCheck {
        static boolean isProgress(Object event) {
            return event instanceof com.sandboxopt.core.event.ProgressEvent;
        }
    }

    private static List<Long> seqs(int count) {
        List<Long> seqs = new ArrayList<>();
        for (long s = 1; s <= count; s++) {
            seqs.add(s);
        }
        return seqs;
    }

    private static List<Object> awaitEnded(EventRecorder recorder, String jobId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<Object> events = recorder.of(jobId);
            if (!events.isEmpty() && (events.get(events.size() - 1) instanceof JobCompleted
                    || events.get(events.size() - 1) instanceof JobFailed)) {
                return events;
            }
            sleep(20);
        }
        throw new AssertionError("No end of " + jobId + " reached this node; heard " + recorder.of(jobId));
    }

    private static void awaitLine(String jobId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (nodeA.jobs().logs(jobId, LogQuery.all()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(jobId + " printed nothing; it is " + nodeA.jobs().get(jobId).status());
            }
            sleep(20);
        }
    }

    private static String nodeOf(String jobId) {
        try (Connection sql = connect();
             PreparedStatement ps = sql.prepareStatement("SELECT node_id FROM job_run WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
