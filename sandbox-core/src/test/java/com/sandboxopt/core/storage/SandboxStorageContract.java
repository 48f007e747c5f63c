package com.sandboxopt.core.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static com.sandboxopt.core.storage.StorageFixtures.logLine;
import static com.sandboxopt.core.storage.StorageFixtures.logLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobQuery;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Model;
import com.sandboxopt.core.ModelQuery;
import com.sandboxopt.core.ModelStatus;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.SandboxException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SandboxStorage} must do, as JUnit 5 tests. A subclass supplies a fresh, empty storage per test;
 * {@link #storage} is closed after each test. Published in sandbox-core's test jar (classifier {@code tests}), so
 * another storage can be checked the same way: {@code class MyStorageTest extends SandboxStorageContract}.
 */
public abstract class SandboxStorageContract {

    protected SandboxStorage storage;

    /** A new storage over an empty database. */
    protected abstract SandboxStorage createStorage();

    @BeforeEach
    public void openStorage() {
        storage = createStorage();
    }

    @AfterEach
    public void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    // ---- models ----

    @Test
    public void storesAModelAndFindsItById() {
        Model model = aModel().ofType(ModelType.RMO).withDescription("Zürich – 日本").withSizeBytes(1234).build();

        storage.insertModel(model, "print('hi')\n");

        assertThat(storage.findModel(model.id())).contains(model);
        assertThat(storage.findModelSource(model.id())).contains("print('hi')\n");
    }

    @Test
    public void keepsAModelsVersionAndConfigDefaultsAndKnowsTheLatestVersionOfAFileName() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("hours", 24);
        defaults.put("solver", null);
        defaults.put("weights", List.of(1.5, 2));
        Model v1 = aModel().withFileName("dmo.py").version(1).build();
        Model v2 = aModel().withFileName("dmo.py").version(2).uploadedAt(T0.plusSeconds(1)).withConfigDefaults(defaults)
                .withStatus(ModelStatus.ARCHIVED).build();
        Model otherType = aModel().withFileName("dmo.py").ofType(ModelType.SO).version(7).build();
        storage.insertModel(v1, "x = 1\n");
        storage.insertModel(v2, "x = 2\n");
        storage.insertModel(otherType, "x = 3\n");

        assertThat(storage.findModel(v2.id())).contains(v2);
        assertThat(storage.findModel(v2.id()).orElseThrow().configDefaults()).containsExactlyEntriesOf(defaults);
        assertThat(storage.latestModelVersion(ModelType.DMO, "dmo.py")).isEqualTo(2); // archived ones count
        assertThat(storage.latestModelVersion(ModelType.SO, "dmo.py")).isEqualTo(7);
        assertThat(storage.latestModelVersion(ModelType.DMO, "other.py")).isZero();
    }

    @Test
    public void refusesASecondModelWithTheSameFileNameTypeAndVersion() {
        storage.insertModel(aModel().withFileName("same.py").version(3).build(), "x = 1\n");
        Model clash = aModel().withFileName("same.py").version(3).uploadedAt(T0.plusSeconds(5)).build();

        assertThatThrownBy(() -> storage.insertModel(clash, "x = 2\n")).isInstanceOf(SandboxException.class);
        assertThat(storage.findModel(clash.id())).isEmpty();
    }

    @Test
    public void keepsAJobsMetricsInSeqOrder() {
        Model model = aModel().build();
        storage.insertModel(model, "x = 1\n");
        Job job = aJob(model.id()).build();
        storage.insertJob(job);
        storage.appendMetrics(List.of(new Metric(job.id(), 1, "objective", 66_393_090.5, 1L, T0),
                new Metric(job.id(), 2, "gap", 1e-9, null, T0.plusNanos(1_000))));
        storage.appendMetrics(List.of(new Metric(job.id(), 3, "objective", -12.75, 2L, T0.plusSeconds(1))));

        assertThat(storage.readMetrics(job.id())).containsExactly(
                new Metric(job.id(), 1, "objective", 66_393_090.5, 1L, T0),
                new Metric(job.id(), 2, "gap", 1e-9, null, T0.plusNanos(1_000)),
                new Metric(job.id(), 3, "objective", -12.75, 2L, T0.plusSeconds(1)));
        assertThat(storage.readMetrics("no-such-job")).isEmpty();
    }

    @Test
    public void keepsTheRuntimeOfAModelAndOfAJob() {
        Model model = aModel().runningOn(RuntimeKind.CPYTHON, "auto: it imports numpy").build();
        storage.insertModel(model, "import numpy\n");
        Job job = aJob(model.id()).runningOn(RuntimeKind.CPYTHON).build();
        storage.insertJob(job);

        assertThat(storage.findModel(model.id())).contains(model);
        assertThat(storage.findJob(job.id())).get().extracting(Job::runtime).isEqualTo(RuntimeKind.CPYTHON);
    }

    @Test
    public void versionsDataSourcesByNameAndKeepsTheirFilesInOrder() {
        java.time.Instant at = java.time.Instant.parse("2026-12-01T10:00:00.123456Z");
        java.util.List<com.sandboxopt.core.DataFile> files = java.util.List.of(
                new com.sandboxopt.core.DataFile("offers.csv", 10, "a".repeat(64)),
                new com.sandboxopt.core.DataFile("bids.csv", 20, "b".repeat(64)));
        com.sandboxopt.core.DataSource first = storage.insertDataSource(new com.sandboxopt.core.DataSource("ds_1_aaaaaa",
                "market", 0, "first", files, 30, at, com.sandboxopt.core.DataSourceStatus.ACTIVE));
        com.sandboxopt.core.DataSource second = storage.insertDataSource(new com.sandboxopt.core.DataSource("ds_2_bbbbbb",
                "market", 0, null, files.subList(1, 2), 20, at.plusSeconds(1), com.sandboxopt.core.DataSourceStatus.ACTIVE));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(storage.findDataSource("ds_1_aaaaaa")).contains(first);
        assertThat(storage.findLatestDataSource("market")).contains(second);
        assertThat(storage.listDataSources(com.sandboxopt.core.DataSourceQuery.versionsOf("market")))
                .extracting(com.sandboxopt.core.DataSource::id).containsExactly("ds_2_bbbbbb", "ds_1_aaaaaa");
        assertThat(storage.updateDataSourceStatus("ds_1_aaaaaa", com.sandboxopt.core.DataSourceStatus.ARCHIVED)).isTrue();
        assertThat(storage.listDataSources(new com.sandboxopt.core.DataSourceQuery(null,
                com.sandboxopt.core.DataSourceStatus.ARCHIVED))).extracting(com.sandboxopt.core.DataSource::id)
                .containsExactly("ds_1_aaaaaa");
        assertThat(storage.updateDataSourceStatus("ds_9_nonono", com.sandboxopt.core.DataSourceStatus.ARCHIVED)).isFalse();
    }

    @Test
    public void keepsAJobsArtifactsAndItsAliasedDataSources() {
        Model model = aModel().build();
        storage.insertModel(model, "pass");
        Job plain = aJob(model.id()).build();
        Job job = new Job(plain.id(), plain.modelId(), plain.modelName(), plain.modelType(), plain.status(), plain.config(),
                "ds_1_aaaaaa", plain.createdAt(), null, null, null, null, plain.logFile(), 0, RuntimeKind.GRAALPY,
                java.util.Map.of("units", "ds_2_bbbbbb"));
        storage.insertJob(job);
        storage.insertArtifacts(job.id(), java.util.List.of(
                new com.sandboxopt.core.Artifact("prices.csv", 5, "c".repeat(64), "text/csv"),
                new com.sandboxopt.core.Artifact("plots/a.svg", 6, "d".repeat(64), "image/svg+xml")));

        assertThat(storage.findJob(job.id())).get().satisfies(found -> {
            assertThat(found.dataSourceId()).isEqualTo("ds_1_aaaaaa");
            assertThat(found.dataSources()).containsExactly(java.util.Map.entry("units", "ds_2_bbbbbb"));
        });
        assertThat(storage.listArtifacts(job.id())).extracting(com.sandboxopt.core.Artifact::name)
                .containsExactly("plots/a.svg", "prices.csv");
        assertThat(storage.listArtifacts("no-such-job")).isEmpty();
    }

    @Test
    public void storesAnEmptyDescriptionForAModelWithoutOne() {
        Model model = aModel().withDescription(null).build();

        storage.insertModel(model, "pass");

        assertThat(storage.findModel(model.id())).get().extracting(Model::description).isEqualTo("");
    }

    @Test
    public void findsNothingForAnUnknownModel() {
        assertThat(storage.findModel("no-such-model")).isEmpty();
        assertThat(storage.findModelSource("no-such-model")).isEmpty();
    }

    @Test
    public void roundTripsAMultiMegabyteUnicodeSource() {
        String source = multiMegabyteUnicodeSource();
        Model model = aModel().build();

        storage.insertModel(model, source);

        assertThat(storage.findModelSource(model.id())).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(source));
    }

    @Test
    public void rejectsADuplicateModelNameWithStorageFailure() {
        Model first = aModel().withFileName("same.py").build();
        Model second = aModel().withFileName("same.py").build();
        storage.insertModel(first, "pass");

        assertThatThrownBy(() -> storage.insertModel(second, "pass"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store model " + second.id() + ": ");
        assertThat(storage.findModel(second.id())).isEmpty();
    }

    @Test
    public void rejectsADuplicateModelIdWithStorageFailure() {
        Model first = aModel().withId("twin").build();
        Model second = aModel().withId("twin").build();
        storage.insertModel(first, "pass");

        assertThatThrownBy(() -> storage.insertModel(second, "pass"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
    }

    @Test
    public void listsModelsNewestUploadFirst() {
        Model old = insert(aModel().uploadedAt(T0));
        Model newest = insert(aModel().uploadedAt(T0.plusSeconds(60)));
        Model middle = insert(aModel().uploadedAt(T0.plusSeconds(30)));

        assertThat(storage.listModels(ModelQuery.all())).containsExactly(newest, middle, old);
    }

    @Test
    public void breaksTiesBetweenModelsUploadedAtTheSameInstantById() {
        Model b = insert(aModel().withId("b-model"));
        Model a = insert(aModel().withId("a-model"));

        assertThat(storage.listModels(ModelQuery.all())).containsExactly(a, b);
    }

    @Test
    public void listsModelsFilteredByTypeAndStatus() {
        Model activeDmo = insert(aModel().ofType(ModelType.DMO).uploadedAt(T0.plusSeconds(1)));
        Model archivedDmo = insert(aModel().ofType(ModelType.DMO).withStatus(ModelStatus.ARCHIVED).uploadedAt(T0.plusSeconds(2)));
        Model activeSo = insert(aModel().ofType(ModelType.SO).uploadedAt(T0.plusSeconds(3)));

        assertThat(storage.listModels(new ModelQuery(ModelType.DMO, null))).containsExactly(archivedDmo, activeDmo);
        assertThat(storage.listModels(new ModelQuery(null, ModelStatus.ACTIVE))).containsExactly(activeSo, activeDmo);
        assertThat(storage.listModels(new ModelQuery(ModelType.DMO, ModelStatus.ACTIVE))).containsExactly(activeDmo);
        assertThat(storage.listModels(new ModelQuery(ModelType.RMO, null))).isEmpty();
    }

    @Test
    public void countsModelsPerTypeWithZeroForTypesWithoutModels() {
        assertThat(storage.countModels(null))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 0L, ModelType.RMO, 0L, ModelType.SO, 0L));

        insert(aModel().ofType(ModelType.DMO));
        insert(aModel().ofType(ModelType.DMO).withStatus(ModelStatus.ARCHIVED));
        insert(aModel().ofType(ModelType.SO));

        assertThat(storage.countModels(null))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 2L, ModelType.RMO, 0L, ModelType.SO, 1L));
        assertThat(storage.countModels(ModelStatus.ACTIVE))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 1L, ModelType.RMO, 0L, ModelType.SO, 1L));
        assertThat(storage.countModels(ModelStatus.ARCHIVED))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ModelType.DMO, 1L, ModelType.RMO, 0L, ModelType.SO, 0L));
    }

    @Test
    public void archivesAModelAndReportsFalseForAnUnknownOne() {
        Model model = insert(aModel());

        assertThat(storage.updateModelStatus(model.id(), ModelStatus.ARCHIVED)).isTrue();
        assertThat(storage.findModel(model.id())).contains(model.withStatus(ModelStatus.ARCHIVED));
        assertThat(storage.updateModelStatus(model.id(), ModelStatus.ACTIVE)).isTrue();
        assertThat(storage.findModel(model.id())).contains(model);

        assertThat(storage.updateModelStatus("no-such-model", ModelStatus.ARCHIVED)).isFalse();
    }

    // ---- jobs ----

    @Test
    public void storesAQueuedJobAndFindsIt() {
        Model model = insert(aModel());
        Job job = aJob(model.id()).withDataSourceId("ds-7").build();

        storage.insertJob(job);

        assertThat(storage.findJob(job.id())).contains(job);
    }

    @Test
    public void findsNothingForAnUnknownJob() {
        assertThat(storage.findJob("no-such-job")).isEmpty();
    }

    @Test
    public void rejectsAJobOfAnUnknownModelWithStorageFailure() {
        Job job = aJob("no-such-model").build();

        assertThatThrownBy(() -> storage.insertJob(job))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store job " + job.id() + ": ");
    }

    @Test
    public void marksAQueuedJobRunning() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        Instant started = T0.plusMillis(1500);

        storage.markJobRunning(job.id(), started);

        Job running = storage.findJob(job.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(started);
        assertThat(running.finishedAt()).isNull();
    }

    @Test
    public void doesNotMarkAJobRunningThatWasCancelledWhileQueued() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage.finishJob(job.id(), JobStatus.CANCELLED, T0.plusSeconds(1), "cancelled", null, 0);

        storage.markJobRunning(job.id(), T0.plusSeconds(2));

        Job stored = storage.findJob(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored.startedAt()).isNull();
    }

    @Test
    public void ignoresMarkingAnUnknownJobRunning() {
        storage.markJobRunning("no-such-job", T0);

        assertThat(storage.findJob("no-such-job")).isEmpty();
    }

    @Test
    public void finishesAJobWithItsResultAndLineCount() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        storage.markJobRunning(job.id(), T0.plusSeconds(1));

        storage.finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(5), null, Map.of("objective", 12.5), 321);

        Job done = storage.findJob(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.error()).isNull();
        assertThat(done.result()).isEqualTo(Map.of("objective", 12.5));
        assertThat(done.lineCount()).isEqualTo(321);
        assertThat(done.duration()).hasValue(java.time.Duration.ofSeconds(4));
    }

    @Test
    public void finishesAFailedJobWithAnErrorAndNoResult() {
        Job job = insertJob(aJob(insert(aModel()).id()));
        String traceback = "Traceback (most recent call last):\n" + "  File \"model.py\"\n".repeat(5_000) + "ZeroDivisionError";

        storage.finishJob(job.id(), JobStatus.FAILED, T0.plusSeconds(3), traceback, null, 7);

        Job failed = storage.findJob(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(traceback);
        assertThat(failed.result()).isNull();
        assertThat(failed.lineCount()).isEqualTo(7);
    }

    @Test
    public void roundTripsNestedConfigAndResultJson() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "day-ahead ⚡");
        config.put("horizon", 24);
        config.put("big", 10_000_000_000L);
        config.put("huge", new BigInteger("123456789012345678901234567890"));
        config.put("ratio", 0.25);
        config.put("enabled", true);
        config.put("missing", null);
        config.put("nodes", List.of("A", "B", List.of(1, 2.5, false)));
        config.put("limits", Map.of("max", -3, "nested", Map.of("deep", List.of(Map.of("k", "v")))));
        List<Object> result = new ArrayList<>(Arrays.asList(1, "two", null, Map.of("x", 3.0), List.of()));
        Job job = insertJob(aJob(insert(aModel()).id()).withConfig(config));

        storage.finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(1), null, result, 0);

        Job stored = storage.findJob(job.id()).orElseThrow();
        assertThat(stored.config()).isEqualTo(config);
        assertThat(stored.config().keySet()).containsExactlyElementsOf(config.keySet());
        assertThat(stored.result()).isEqualTo(result);
    }

    @Test
    public void storesAJobWithoutConfigWithAnEmptyConfig() {
        Job job = insertJob(aJob(insert(aModel()).id()).withConfig(null));

        assertThat(storage.findJob(job.id()).orElseThrow().config()).isEmpty();
    }

    @Test
    public void roundTripsAScalarResult() {
        Job job = insertJob(aJob(insert(aModel()).id()));

        storage.finishJob(job.id(), JobStatus.SUCCESS, T0.plusSeconds(1), null, "done", 0);

        assertThat(storage.findJob(job.id()).orElseThrow().result()).isEqualTo("done");
    }

    @Test
    public void listsJobsNewestFirst() {
        String modelId = insert(aModel()).id();
        Job old = insertJob(aJob(modelId).createdAt(T0));
        Job newest = insertJob(aJob(modelId).createdAt(T0.plusMillis(2)));
        Job middle = insertJob(aJob(modelId).createdAt(T0.plusMillis(1)));

        assertThat(storage.listJobs(JobQuery.latest(100))).containsExactly(newest, middle, old);
    }

    @Test
    public void listsJobsNewestFirstFilteredByTypeAndStatus() {
        String dmo = insert(aModel().ofType(ModelType.DMO)).id();
        String so = insert(aModel().ofType(ModelType.SO)).id();
        Job queuedDmo = insertJob(aJob(dmo).ofType(ModelType.DMO).createdAt(T0.plusSeconds(1)));
        Job failedDmo = insertJob(aJob(dmo).ofType(ModelType.DMO).withStatus(JobStatus.FAILED).createdAt(T0.plusSeconds(2)));
        Job queuedDmo2 = insertJob(aJob(dmo).ofType(ModelType.DMO).createdAt(T0.plusSeconds(3)));
        Job queuedSo = insertJob(aJob(so).ofType(ModelType.SO).createdAt(T0.plusSeconds(4)));

        assertThat(storage.listJobs(new JobQuery(ModelType.DMO, null, null, 100)))
                .containsExactly(queuedDmo2, failedDmo, queuedDmo);
        assertThat(storage.listJobs(new JobQuery(null, JobStatus.QUEUED, null, 100)))
                .containsExactly(queuedSo, queuedDmo2, queuedDmo);
        assertThat(storage.listJobs(new JobQuery(ModelType.DMO, JobStatus.QUEUED, null, 100)))
                .containsExactly(queuedDmo2, queuedDmo);
        assertThat(storage.listJobs(new JobQuery(ModelType.RMO, null, null, 100))).isEmpty();
    }

    @Test
    public void listsTheJobsOfOneModel() {
        String first = insert(aModel()).id();
        String second = insert(aModel()).id();
        Job a = insertJob(aJob(first).createdAt(T0.plusSeconds(1)));
        insertJob(aJob(second).createdAt(T0.plusSeconds(2)));
        Job b = insertJob(aJob(first).createdAt(T0.plusSeconds(3)));

        assertThat(storage.listJobs(new JobQuery(null, null, first, 100))).containsExactly(b, a);
        assertThat(storage.listJobs(new JobQuery(null, null, "no-such-model", 100))).isEmpty();
    }

    @Test
    public void listsAtMostTheLimitOfJobsKeepingTheNewest() {
        String modelId = insert(aModel()).id();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(insertJob(aJob(modelId).createdAt(T0.plusSeconds(i))));
        }

        assertThat(storage.listJobs(JobQuery.latest(3))).containsExactly(jobs.get(9), jobs.get(8), jobs.get(7));
        assertThat(storage.listJobs(JobQuery.latest(1))).containsExactly(jobs.get(9));
    }

    @Test
    public void failsEveryUnfinishedJobAndCountsThem() {
        String modelId = insert(aModel()).id();
        Job queued = insertJob(aJob(modelId));
        Job running = insertJob(aJob(modelId));
        storage.markJobRunning(running.id(), T0.plusSeconds(1));
        Job succeeded = insertJob(aJob(modelId));
        storage.finishJob(succeeded.id(), JobStatus.SUCCESS, T0.plusSeconds(2), null, 1, 3);
        Instant restart = T0.plusSeconds(60);

        int failed = storage.failUnfinishedJobs("Sandbox restarted while the job was unfinished", restart);

        assertThat(failed).isEqualTo(2);
        for (Job job : List.of(queued, running)) {
            Job stored = storage.findJob(job.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
            assertThat(stored.error()).isEqualTo("Sandbox restarted while the job was unfinished");
            assertThat(stored.finishedAt()).isEqualTo(restart);
        }
        Job untouched = storage.findJob(succeeded.id()).orElseThrow();
        assertThat(untouched.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(untouched.error()).isNull();
        assertThat(untouched.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(storage.failUnfinishedJobs("again", restart)).isZero();
    }

    // ---- logs ----

    @Test
    public void appendsLogLinesAndReadsThemBackInSeqOrder() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        List<LogLine> lines = List.of(
                logLine(jobId, 1, LogLevel.INFO, "starting"),
                logLine(jobId, 2, LogLevel.DEBUG, "x = 1"),
                logLine(jobId, 3, LogLevel.WARNING, "slow solver"),
                logLine(jobId, 4, LogLevel.ERROR, "infeasible"));

        storage.appendLogs(lines);

        assertThat(storage.readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(lines);
    }

    @Test
    public void readsLogLinesAfterAGivenSeq() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.appendLogs(logLines(jobId, 1, 10));

        assertThat(storage.readLogs(jobId, LogQuery.after(7, 100))).extracting(LogLine::seq).containsExactly(8L, 9L, 10L);
        assertThat(storage.readLogs(jobId, LogQuery.after(10, 100))).isEmpty();
    }

    @Test
    public void readsOnlyLogLinesOfTheRequestedLevel() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.appendLogs(List.of(
                logLine(jobId, 1, LogLevel.INFO, "a"),
                logLine(jobId, 2, LogLevel.ERROR, "b"),
                logLine(jobId, 3, LogLevel.INFO, "c"),
                logLine(jobId, 4, LogLevel.ERROR, "d"),
                logLine(jobId, 5, LogLevel.ERROR, "e")));

        assertThat(storage.readLogs(jobId, new LogQuery(LogLevel.ERROR, 0, 100))).extracting(LogLine::message)
                .containsExactly("b", "d", "e");
        assertThat(storage.readLogs(jobId, new LogQuery(LogLevel.ERROR, 2, 1))).extracting(LogLine::seq)
                .containsExactly(4L);
        assertThat(storage.readLogs(jobId, new LogQuery(LogLevel.DEBUG, 0, 100))).isEmpty();
    }

    @Test
    public void findsRareLevelsAndResumesMidwayAcrossManyStoredChunks() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        List<LogLine> lines = new ArrayList<>();
        for (int seq = 1; seq <= 5_000; seq++) {
            lines.add(logLine(jobId, seq, seq % 1_500 == 0 ? LogLevel.ERROR : LogLevel.INFO, "line " + seq));
        }
        storage.appendLogs(lines.subList(0, 2_345));
        storage.appendLogs(lines.subList(2_345, 5_000));

        assertThat(storage.readLogs(jobId, new LogQuery(LogLevel.ERROR, 0, 100))).extracting(LogLine::seq)
                .containsExactly(1_500L, 3_000L, 4_500L);
        assertThat(storage.readLogs(jobId, new LogQuery(LogLevel.ERROR, 1_500, 1))).extracting(LogLine::seq)
                .containsExactly(3_000L);
        assertThat(storage.readLogs(jobId, LogQuery.after(2_340, 10))).containsExactlyElementsOf(lines.subList(2_340, 2_350));
        assertThat(storage.readLogs(jobId, LogQuery.after(4_998, 10))).containsExactlyElementsOf(lines.subList(4_998, 5_000));
    }

    @Test
    public void readsAtMostTheLimitOfLogLines() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.appendLogs(logLines(jobId, 1, 50));

        assertThat(storage.readLogs(jobId, LogQuery.after(0, 5))).extracting(LogLine::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(storage.readLogs(jobId, LogQuery.after(45, 20))).hasSize(5);
    }

    @Test
    public void keepsTheLogLinesOfDifferentJobsApart() {
        String modelId = insert(aModel()).id();
        String first = insertJob(aJob(modelId)).id();
        String second = insertJob(aJob(modelId)).id();
        List<LogLine> mixed = new ArrayList<>(logLines(first, 1, 3));
        mixed.addAll(logLines(second, 1, 2));

        storage.appendLogs(mixed);

        assertThat(storage.readLogs(first, LogQuery.all())).containsExactlyElementsOf(logLines(first, 1, 3));
        assertThat(storage.readLogs(second, LogQuery.all())).containsExactlyElementsOf(logLines(second, 1, 2));
        assertThat(storage.readLogs("no-such-job", LogQuery.all())).isEmpty();
    }

    @Test
    public void storesVeryLongUnicodeLogMessages() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        String long64k = "é✓𝄞".repeat(25_000);
        String long2m = "x".repeat(2 * 1024 * 1024);
        List<LogLine> lines = List.of(
                logLine(jobId, 1, LogLevel.INFO, long64k),
                logLine(jobId, 2, LogLevel.INFO, ""),
                logLine(jobId, 3, LogLevel.INFO, long2m));

        storage.appendLogs(lines);

        List<LogLine> read = storage.readLogs(jobId, LogQuery.all());
        assertThat(read).hasSize(3);
        assertThat(read.get(0).message()).isEqualTo(long64k);
        assertThat(read.get(1).message()).isEmpty();
        assertThat(read.get(2).message()).isEqualTo(long2m);
    }

    @Test
    public void appendingNoLinesDoesNothing() {
        storage.appendLogs(List.of());
    }

    @Test
    public void raisesTheLineCountOfARunningJobAsLinesArrive() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.markJobRunning(jobId, T0);

        storage.appendLogs(logLines(jobId, 1, 10));
        assertThat(storage.findJob(jobId).orElseThrow().lineCount()).isEqualTo(10);
        storage.appendLogs(logLines(jobId, 11, 5));
        assertThat(storage.findJob(jobId).orElseThrow().lineCount()).isEqualTo(15);

        storage.finishJob(jobId, JobStatus.SUCCESS, T0.plusSeconds(1), null, null, 20);
        assertThat(storage.findJob(jobId).orElseThrow().lineCount()).isEqualTo(20);
    }

    @Test
    public void storesNoneOfABatchWhenOneOfItsLinesFails() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.appendLogs(logLines(jobId, 1, 3));
        List<LogLine> batch = new ArrayList<>(logLines(jobId, 4, 10_000));
        batch.add(logLine(jobId, 2, LogLevel.INFO, "seq 2 again"));

        assertThatThrownBy(() -> storage.appendLogs(batch))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageStartingWith("Could not store log lines of job " + jobId + ": ");

        assertThat(storage.readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(logLines(jobId, 1, 3));
        assertThat(storage.findJob(jobId).orElseThrow().lineCount()).isEqualTo(3);
    }

    @Test
    public void rejectsARepeatedSeqAndStoresNoneOfThatBatch() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        storage.appendLogs(logLines(jobId, 1, 2));

        assertThatThrownBy(() -> storage.appendLogs(logLines(jobId, 2, 3)))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
        assertThat(storage.readLogs(jobId, LogQuery.all())).extracting(LogLine::seq).containsExactly(1L, 2L);
    }

    @Test
    public void appendsAHundredThousandLinesInBatchesOfAThousandAndReadsThemBackInOrder() {
        String jobId = insertJob(aJob(insert(aModel()).id())).id();
        int total = 100_000;
        for (int first = 1; first <= total; first += 1_000) {
            storage.appendLogs(logLines(jobId, first, 1_000));
        }

        List<LogLine> read = storage.readLogs(jobId, LogQuery.all());

        assertThat(read).hasSize(total);
        for (int i = 0; i < total; i++) {
            LogLine line = read.get(i);
            assertThat(line.seq()).isEqualTo(i + 1L);
            assertThat(line.message()).isEqualTo("line " + (i + 1));
        }
        assertThat(read.get(total - 1)).isEqualTo(logLines(jobId, total, 1).get(0));
        assertThat(storage.findJob(jobId).orElseThrow().lineCount()).isEqualTo(total);
    }

    @Test
    public void appendsLogsOfManyJobsFromManyThreadsAtOnce() throws Exception {
        String modelId = insert(aModel()).id();
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobIds.add(insertJob(aJob(modelId)).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobIds.size());
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String jobId : jobIds) {
                writers.add(pool.submit(() -> {
                    for (int first = 1; first <= 2_000; first += 100) {
                        storage.appendLogs(logLines(jobId, first, 100));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (String jobId : jobIds) {
            assertThat(storage.readLogs(jobId, LogQuery.all())).containsExactlyElementsOf(logLines(jobId, 1, 2_000));
        }
    }

    // ---- lifecycle ----

    @Test
    public void failsWithStorageFailureOnceClosedAndClosesOnlyOnce() {
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.findModel("any"))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
                .hasMessageContaining("closed");
    }

    // ---- helpers ----

    protected Model insert(StorageFixtures.ModelBuilder builder) {
        Model model = builder.build();
        storage.insertModel(model, "# source of " + model.id() + "\n");
        return model;
    }

    protected Job insertJob(StorageFixtures.JobBuilder builder) {
        Job job = builder.build();
        storage.insertJob(job);
        return job;
    }

    /** About 3 MiB of UTF-8 mixing 1-, 2-, 3- and 4-byte characters, line breaks and quotes. */
    protected static String multiMegabyteUnicodeSource() {
        StringBuilder source = new StringBuilder();
        int i = 0;
        while (source.length() < 1_500_000) {
            source.append("x_").append(i++).append(" = \"ÄÖÜ ß € 漢字 🚀 𝄞 \\\"quoted\\\" '\"\n");
        }
        return source.toString();
    }
}
