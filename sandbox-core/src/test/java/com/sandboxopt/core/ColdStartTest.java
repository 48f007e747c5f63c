package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * A new sandbox prepares nothing that no model needs: no sandboxed interpreter waits for a job and GraalPy is not
 * started until a model of theirs exists or a job asks (only CPython's checker of uploads is kept ready), and an
 * upload is checked by the parser of the runtime it runs on.
 * The steps build on each other, in order, on one sandbox of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColdStartTest {
    private static Path dataDirectory;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        dataDirectory = TestSandbox.tempDirectory();
        sandbox = Sandbox.builder().dataDirectory(dataDirectory).inMemoryDatabase().poolSize(2).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /**
     * The sandboxed interpreters of this sandbox: bubblewrap processes that bind a folder of its data directory
     * (named on their command line, or, when the host is root, bound first in their mount namespace).
     */
    private static List<ProcessHandle> interpreters() {
        String name = dataDirectory.getFileName().toString();
        return ProcessHandle.current().descendants()
                .filter(ColdStartTest::isBubblewrap)
                .filter(p -> p.parent().map(parent -> !isBubblewrap(parent)).orElse(true)) // its own child: the same sandbox
                .filter(p -> p.info().commandLine().map(line -> line.contains(name)).orElse(false) || mounts(p, name))
                .toList();
    }

    private static boolean isBubblewrap(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("bwrap")).orElse(false);
    }

    private static boolean mounts(ProcessHandle process, String name) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "mountinfo")).contains(name);
        } catch (IOException e) {
            return false; // it ended
        }
    }

    private static String graalPyStatus() {
        return sandbox.runtimes().stream().filter(s -> s.kind() == RuntimeKind.GRAALPY).findFirst().orElseThrow().version();
    }

    @Test
    @Order(1)
    void aNewSandboxHasOnlyItsUploadCheckerWaitingAndGraalPyNotStarted() {
        assertThat(sandbox.runtimes()).allMatch(RuntimeStatus::available); // CPython's start-up check has ended
        await().atMost(Duration.ofSeconds(30)).until(() -> !interpreters().isEmpty()); // the checker of uploads

        assertThat(interpreters()).as("no interpreter waits for a job before a CPython model exists").hasSize(1);
        assertThat(graalPyStatus()).endsWith("started when a job needs it");
        assertThat(sandbox.defaultRuntime()).isEqualTo(RuntimeKind.AUTO);
    }

    @Test
    @Order(2)
    void theCheckerStartedForAnUploadOutlivesTheThreadThatUploaded() throws InterruptedException {
        interpreters().forEach(ProcessHandle::destroyForcibly); // the checker: the next upload starts another
        await().atMost(Duration.ofSeconds(10)).until(() -> interpreters().isEmpty());
        Thread request = new Thread(() -> org.junit.jupiter.api.Assertions.assertThrows(ModelValidationException.class,
                () -> TestSandbox.upload(sandbox, "typo.py", ModelType.DMO, "print(1\n")), "a request that ends");
        request.start();
        request.join();

        // bubblewrap ends a sandbox when the thread that started it ends: the checker must not be started by it
        await().atMost(Duration.ofSeconds(10)).until(() -> interpreters().size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> interpreters().size() == 1);
    }

    @Test
    @Order(3)
    void autoPicksCPythonAndItsOwnParserChecksTheUploadWithoutStartingGraalPy() {
        Model model = TestSandbox.upload(sandbox, "plain.py", ModelType.DMO, "import json\nprint(json.dumps([1]))\n");
        ModelValidationException broken = org.junit.jupiter.api.Assertions.assertThrows(ModelValidationException.class,
                () -> TestSandbox.upload(sandbox, "broken.py", ModelType.DMO, "x = 1\ny = = 2\n"));

        assertThat(model.runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(model.runtimeReason()).startsWith("auto: CPython 3.").contains("the faster runtime here");
        assertThat(broken.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(broken.getMessage()).startsWith("Python syntax error in broken.py at line 2, column 5: invalid syntax");
        assertThat(broken.sourceLine()).isEqualTo("y = = 2");
        assertThat(graalPyStatus()).endsWith("started when a job needs it");
        // a CPython model exists now: interpreters start waiting for its jobs beside the checker
        await().atMost(Duration.ofSeconds(30)).until(() -> interpreters().size() >= 3);
    }

    @Test
    @Order(4)
    void aHostileSourceThatBreaksTheCompilerIsRefusedAndTheNextUploadIsChecked() {
        String deep = "x = " + "-".repeat(200_000) + "1\n";
        SandboxException refused = org.junit.jupiter.api.Assertions.assertThrows(SandboxException.class,
                () -> TestSandbox.upload(sandbox, "deep.py", ModelType.SO, deep));
        Model next = TestSandbox.upload(sandbox, "next.py", ModelType.SO, "CONFIG_DEFAULTS = {'hours': 4}\nprint(1)\n");

        assertThat(refused.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(refused.getMessage()).contains("deep.py");
        assertThat(sandbox.models().list(ModelQuery.all())).extracting(Model::fileName).doesNotContain("deep.py");
        assertThat(next.configDefaults()).containsEntry("hours", 4);
    }

    @Test
    @Order(5)
    void aGraalPyModelStartsGraalPyAndIsCheckedByItsParser() {
        ModelValidationException broken = org.junit.jupiter.api.Assertions.assertThrows(ModelValidationException.class,
                () -> TestSandbox.upload(sandbox, "broken.py", ModelType.DMO, "x = 1\ny = = 2\n", RuntimeKind.GRAALPY));
        Job job = TestSandbox.run(sandbox, "import sys\nprint(sys.implementation.name)\n", RuntimeKind.GRAALPY);

        assertThat(broken.line()).isEqualTo(2);
        assertThat(broken.getMessage()).startsWith("Python syntax error in broken.py at line 2, column");
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("graalpy");
        assertThat(graalPyStatus()).doesNotContain("started when a job needs it");
        Optional<RuntimeStatus> cpython = sandbox.runtimes().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON).findFirst();
        assertThat(cpython).get().extracting(RuntimeStatus::available).isEqualTo(true);
    }
}
