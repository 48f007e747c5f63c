package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Data sources a job reads under {@code data/} and the files it leaves under {@code output/}, on
 * each runtime: the same model must see the same files and leave the same artifacts on both.
 */
abstract class DataAndArtifactsContract {
    protected final Sandbox sandbox = TestSandbox.shared();
    private static final String BIDS = "hour,price,quantity\n1,45.5,100\n2,47.25,120\n";
    private static final String UNITS = "unit,pmax\nG1,200\nG2,150\n";

    abstract RuntimeKind runtime();

    protected Job run(String source, ExecutionRequest request) {
        return run(source, request, Duration.ofMinutes(2));
    }

    protected Job run(String source, ExecutionRequest request, Duration wait) {
        Model model = sandbox.models().upload(ModelUpload.of("model.py", source.getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(runtime()));
        return sandbox.jobs().execute(new ExecutionRequest(model.id(), request.config(), request.dataSourceId(),
                request.limits(), runtime(), request.dataSources())).await(wait);
    }

    protected Job run(String source) {
        return run(source, ExecutionRequest.of("x"));
    }

    protected List<String> messages(Job job) {
        return TestSandbox.messages(sandbox, job);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected DataSource market() {
        return sandbox.dataSources().upload(unique("market"), "bids and units",
                Map.of("bids.csv", BIDS.getBytes(StandardCharsets.UTF_8), "units.csv", UNITS.getBytes(StandardCharsets.UTF_8)));
    }

    protected String artifactText(Job job, String name) {
        try (InputStream in = sandbox.jobs().openArtifact(job.id(), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aModelReadsItsDataSourceWithCsvAndSeesWhatItIs() {
        DataSource market = market();

        Job job = run("import csv, sandbox\n"
                + "with open('data/bids.csv', newline='') as f:\n"
                + "    rows = list(csv.DictReader(f))\n"
                + "print('total', sum(float(r['quantity']) for r in rows))\n"
                + "d = sandbox.data_source\n"
                + "print('source', d['name'], d['version'], d['path'], sorted(f['name'] for f in d['files']), sandbox.data_source_id)\n",
                ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.inputs().dataSourceId()).isEqualTo(market.id());
        assertThat(messages(job)).contains("total 220.0",
                "source " + market.name() + " 1 data ['bids.csv', 'units.csv'] " + market.id());
    }

    @Test
    void aNameMeansItsLatestVersionAndTheJobRecordsTheExactId() {
        String name = unique("versions");
        DataSource first = sandbox.dataSources().upload(name, null, Map.of("v.txt", "one".getBytes(StandardCharsets.UTF_8)));
        DataSource second = sandbox.dataSources().upload(name, null, Map.of("v.txt", "two".getBytes(StandardCharsets.UTF_8)));

        Job job = run("import sandbox\nprint(open('data/v.txt').read(), sandbox.data_source['version'])\n",
                ExecutionRequest.of("x").withDataSourceId(name));

        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(job.inputs().dataSourceId()).isEqualTo(second.id());
        assertThat(messages(job)).containsExactly("two 2");
        assertThat(sandbox.jobs().get(job.id()).inputs().dataSourceId()).isEqualTo(second.id());
    }

    @Test
    void severalDataSourcesAppearUnderTheirAliases() {
        DataSource market = market();
        DataSource other = sandbox.dataSources().upload(unique("forecast"), null,
                Map.of("load.csv", "hour,mw\n1,900\n".getBytes(StandardCharsets.UTF_8)));

        Job job = run("import os, sandbox\n"
                + "print(sorted(os.listdir('data')))\n"
                + "print(open('data/fc/load.csv').read().splitlines()[1])\n"
                + "print(open('data/mk/units.csv').read().splitlines()[2])\n"
                + "print(sorted(sandbox.data_sources), sandbox.data_sources['fc']['path'], sandbox.data_source)\n",
                ExecutionRequest.of("x").withDataSources(Map.of("mk", market.name(), "fc", other.id())));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).containsExactly("['fc', 'mk']", "1,900", "G2,150", "['fc', 'mk'] data/fc None");
        assertThat(job.inputs().dataSources()).containsEntry("mk", market.id()).containsEntry("fc", other.id());
    }

    @Test
    void aDataFileIsTheStoredFileItselfNotACopy() throws IOException {
        DataSource market = market();
        String sha = market.file("bids.csv").orElseThrow().sha256();
        java.nio.file.Path stored = TestSandbox.dataDirectory(sandbox).resolve("files").resolve(sha.substring(0, 2)).resolve(sha);

        Job job = run("import os\ns = os.stat('data/bids.csv')\nprint(s.st_ino, s.st_nlink > 1)\n",
                ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).containsExactly(java.nio.file.Files.getAttribute(stored, "unix:ino") + " True");
    }

    @Test
    void aMissingFileIsAPlainPythonError() {
        DataSource market = market();

        Job job = run("open('data/offers.csv')\n", ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("FileNotFoundError").contains("data/offers.csv");
    }

    @Test
    void aModelCannotChangeItsData() {
        DataSource market = market();

        Job job = run("import os\n"
                + "for attempt in (lambda: open('data/bids.csv', 'a').write('x'), lambda: open('data/new.csv', 'w'),\n"
                + "                lambda: os.remove('data/bids.csv'), lambda: os.rename('data/bids.csv', 'data/b.csv')):\n"
                + "    try:\n"
                + "        attempt()\n"
                + "        print('changed')\n"
                + "    except OSError as e:\n"
                + "        print('refused', type(e).__name__)\n"
                + "print(open('data/bids.csv').read() == " + pythonString(BIDS) + ")\n",
                ExecutionRequest.of("x").withDataSourceId(market.id()));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).doesNotContain("changed").endsWith("True").hasSize(5);
        assertThat(readFile(market, "bids.csv")).isEqualTo(BIDS);
    }

    @Test
    void filesWrittenUnderOutputAreKeptAsArtifacts() {
        Job job = run("import os\n"
                + "os.makedirs('output/plots', exist_ok=True)\n"
                + "open('output/prices.csv', 'w').write('hour,price\\n1,50\\n')\n"
                + "open('output/plots/day.svg', 'w').write('<svg/>')\n"
                + "open('scratch.txt', 'w').write('not kept')\n");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(sandbox.jobs().artifacts(job.id())).extracting(Artifact::name, Artifact::sizeBytes, Artifact::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plots/day.svg", 6L, "image/svg+xml"),
                        org.assertj.core.groups.Tuple.tuple("prices.csv", 16L, "text/csv"));
        assertThat(artifactText(job, "prices.csv")).isEqualTo("hour,price\n1,50\n");
    }

    @Test
    void aFailedJobKeepsWhatItWroteBeforeFailing() {
        Job job = run("open('output/partial.csv', 'w').write('hour\\n1\\n')\nraise ValueError('infeasible')\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(sandbox.jobs().artifacts(job.id())).extracting(Artifact::name).containsExactly("partial.csv");
        assertThat(artifactText(job, "partial.csv")).isEqualTo("hour\n1\n");
    }

    @Test
    void aJobStoppedAtItsTimeLimitKeepsItsOutput() {
        Limits limits = Limits.defaults().withWallTime(Duration.ofSeconds(3)).withCpuTime(Duration.ofMinutes(1));
        Job job = run("import time\nwith open('output/progress.txt', 'w') as f:\n    f.write('half way')\n"
                + "while True:\n    time.sleep(0.05)\n",
                ExecutionRequest.of("x").withLimits(limits));

        assertThat(job.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(artifactText(job, "progress.txt")).isEqualTo("half way");
    }

    @Test
    void outputPastItsCapFailsTheWriteAndALineSaysSo() {
        Limits limits = Limits.defaults().withArtifactBytes(1L << 20);
        Job job = run("try:\n"
                + "    with open('output/big.bin', 'wb') as f:\n"
                + "        for i in range(4):\n"
                + "            f.write(b'x' * 400_000)\n"
                + "            f.flush()\n"
                + "except OSError as e:\n"
                + "    print('refused', e.errno)\n"
                + "open('small.bin', 'wb').write(b'y' * 2_000_000)\n"
                + "print('working directory still writable')\n",
                ExecutionRequest.of("x").withLimits(limits));

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(messages(job)).contains("refused 28", "working directory still writable")
                .anyMatch(line -> line.startsWith("The job's output/ reached its cap of 1 MiB (Limits.artifactBytes)"));
        assertThat(sandbox.jobs().artifacts(job.id())).singleElement().satisfies(artifact -> {
            assertThat(artifact.name()).isEqualTo("big.bin");
            assertThat(artifact.sizeBytes()).isLessThanOrEqualTo(1L << 20).isGreaterThanOrEqualTo(400_000);
        });
    }

    @Test
    void linksAndOddFilesUnderOutputAreNotFollowed() {
        Job job = run("import os\n"
                + "open('output/ok.txt', 'w').write('ok')\n"
                + "for make in (lambda: os.symlink('/etc/passwd', 'output/passwd'), lambda: os.mkfifo('output/pipe')):\n"
                + "    try:\n"
                + "        make()\n"
                + "    except (OSError, AttributeError) as e:\n"
                + "        print('refused', type(e).__name__)\n");

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        assertThat(sandbox.jobs().artifacts(job.id())).extracting(Artifact::name).containsExactly("ok.txt");
    }

    @Test
    void unknownAndArchivedDataSourcesAreRefusedBeforeTheJobIsQueued() {
        DataSource market = market();
        sandbox.dataSources().archive(market.id());
        Model model = sandbox.models().upload(ModelUpload.of("m.py", "print(1)\n".getBytes(StandardCharsets.UTF_8), ModelType.SO)
                .withRuntime(runtime()));
        int before = sandbox.jobs().list(JobQuery.latest(500)).size();

        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDataSourceId("no-such-data")))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_NOT_FOUND));
        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDataSourceId(market.id())))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_ARCHIVED);
                    assertThat(e.getMessage()).contains("archived");
                });
        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id()).withDataSources(Map.of("../up", market.name()))))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(sandbox.jobs().list(JobQuery.latest(500))).hasSize(before);
    }

    private String readFile(DataSource source, String name) {
        try (InputStream in = sandbox.dataSources().openFile(source.id(), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\n", "\\n") + "'";
    }
}
