package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPython runtime behind the same API as GraalPy: the guest module, lines, errors, exits, and how a runtime is chosen. */
class CPythonRuntimeTest {
    private final Sandbox sandbox = TestSandbox.shared();

    private Job run(String source) {
        return TestSandbox.run(sandbox, source, Map.of("horizon", 24), null, RuntimeKind.CPYTHON);
    }

    private Model upload(String source, RuntimeKind runtime) {
        return sandbox.models().upload(ModelUpload.of("model.py", source.getBytes(StandardCharsets.UTF_8), ModelType.RMO)
                .withRuntime(runtime));
    }

    @Test
    void bothRuntimesAreListedAndAvailableHere() {
        assertThat(sandbox.runtimes()).extracting(RuntimeStatus::name).containsExactly("graalpy", "cpython");
        RuntimeStatus cpython = sandbox.runtimes().get(1);
        assertThat(cpython.available()).as(cpython.reason()).isTrue();
        assertThat(cpython.version()).startsWith("CPython 3.").contains("/usr/bin/python3");
        assertThat(cpython.reason()).isNull();
    }

    @Test
    void theGuestModuleWorksAsOnGraalPy() {
        Job job = run("""
                import sandbox, sys, logging
                print('config', sandbox.config['horizon'], sandbox.model_type, sandbox.job_id == %s)
                print('to stderr', file=sys.stderr)
                logging.getLogger('market').warning('price cap hit')
                logging.debug('not shown at INFO')
                sandbox.log('DEBUG', 'a debug line')
                sandbox.progress(0.5, 'half way')
                sandbox.metric('objective', 42.5, step=3)
                sandbox.result({'objective': 42.5, 'hours': [1, 2]})
                """.formatted("sandbox.job_id"));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.placement().runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(job.result()).isEqualTo(Map.of("objective", 42.5, "hours", java.util.List.of(1, 2)));
        assertThat(sandbox.jobs().logs(job.id(), LogQuery.all())).extracting(line -> line.level() + " " + line.message())
                .containsExactly("INFO config 24 DMO True", "ERROR to stderr", "WARNING price cap hit", "DEBUG a debug line");
        assertThat(TestSandbox.EVENTS.of(job.id(), ProgressEvent.class)).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("half way"));
        assertThat(TestSandbox.EVENTS.of(job.id(), MetricEvent.class)).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(42.5));
    }

    @Test
    void aTracebackBecomesErrorLinesAndTheJobsError() {
        Job job = run("def solve():\n    raise ValueError('infeasible:\\nbalance at hour 3')\nsolve()\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("ValueError: infeasible:");
        assertThat(TestSandbox.messages(sandbox, job)).containsExactly("Traceback (most recent call last):",
                "  File \"model.py\", line 3, in <module>", "    solve()", "  File \"model.py\", line 2, in solve",
                "    raise ValueError('infeasible:\\nbalance at hour 3')", "ValueError: infeasible:", "balance at hour 3");
    }

    @Test
    void sysExitSetsTheOutcome() {
        assertThat(run("import sys\nprint('done')\nsys.exit(0)\n").status()).isEqualTo(JobStatus.SUCCESS);
        Job three = run("import sys\nsys.exit(3)\n");
        assertThat(three.error()).isEqualTo("The model exited with status 3 (sys.exit(3))");
        Job message = run("import sys\nsys.exit('no data for hour 5')\n");
        assertThat(message.status()).isEqualTo(JobStatus.FAILED);
        assertThat(TestSandbox.messages(sandbox, message)).containsExactly("no data for hour 5");
    }

    @Test
    void stdinIsEmptyAndUnbufferedOutputIsKept() {
        Job job = run("import sys, os\nprint(repr(sys.stdin.read()))\nos.write(1, b'native line\\n')\n"
                + "sys.stdout.buffer.write(b'bytes line\\n')\nprint('no newline at the end', end='')\n");

        assertThat(TestSandbox.messages(sandbox, job)).containsExactlyInAnyOrder("''", "native line", "bytes line",
                "no newline at the end");
    }

    @Test
    void sandboxSolveReachesTheHost() {
        Job job = run("import sandbox\ntry:\n    sandbox.solve({'variables': {'x': {}}, 'objective': {'x': 1}})\n"
                + "except RuntimeError as e:\n    print('host said:', e)\n");

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, job)).singleElement().asString().startsWith("host said:").contains("solver");
    }

    @Test
    void pulpWithCbcRunsInsideTheSandboxAsOnALaptop() {
        Job job = run("""
                import pulp
                prob = pulp.LpProblem('dispatch', pulp.LpMinimize)
                a = pulp.LpVariable('a', 0, 80)
                b = pulp.LpVariable('b', 0, 100)
                prob += 20 * a + 35 * b
                prob += a + b == 120, 'balance'
                prob.solve()
                print(pulp.LpStatus[prob.status], pulp.value(prob.objective), prob.constraints['balance'].pi)
                """);

        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        // Debian's PuLP runs the system cbc, whose own log reaches the job's log as it prints
        assertThat(TestSandbox.messages(sandbox, job)).contains("Optimal 3000.0 35.0")
                .anyMatch(line -> line.startsWith("Welcome to the CBC MILP Solver"));
    }

    @Test
    void autoPicksCPythonForNumpyAndSaysWhy() {
        Model model = upload("import numpy as np\nimport pandas\nprint(int(np.arange(4).sum()))\n", RuntimeKind.AUTO);

        assertThat(model.runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(model.runtimeReason()).matches("auto: CPython 3\\.\\d+\\.\\d+, the faster runtime here; it imports numpy, "
                + "pandas, which GraalPy cannot provide");
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));
        // pandas' numexpr may say at INFO how many threads it uses, when pandas is first imported in the job
        assertThat(TestSandbox.messages(sandbox, job)).last().isEqualTo("6");
        assertThat(sandbox.models().get(model.id()).runtime()).isEqualTo(RuntimeKind.CPYTHON); // stored
    }

    @Test
    void autoPicksCPythonForTheStandardLibraryToo() {
        Model model = upload("import json, math\nimport no_such_module\nprint(json.dumps(math.pi))\n", RuntimeKind.AUTO);

        assertThat(model.runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(model.runtimeReason()).matches("auto: CPython 3\\.\\d+\\.\\d+, the faster runtime here; neither runtime has "
                + "no_such_module");
    }

    @Test
    void autoPicksGraalPyWhereCPythonCannotRun() {
        try (Sandbox noBubblewrap = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase()
                .bubblewrapExecutable(java.nio.file.Path.of("/nonexistent/bwrap")).build()) {
            Model model = noBubblewrap.models().upload(ModelUpload.of("m.py", "print(1)\n".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), ModelType.DMO));
            Job job = noBubblewrap.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));

            assertThat(model.runtime()).isEqualTo(RuntimeKind.GRAALPY);
            assertThat(model.runtimeReason()).startsWith("auto: GraalPy, the only runtime available here (CPython: "
                    + "bubblewrap (bwrap) not found at /nonexistent/bwrap");
            assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        }
    }

    @Test
    void anExecuteMayOverrideTheModelsRuntime() {
        Model model = upload("import sys\nprint(sys.implementation.name)\n", RuntimeKind.GRAALPY);

        Job onGraalPy = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));
        Job onCPython = sandbox.jobs().execute(ExecutionRequest.of(model.id()).withRuntime(RuntimeKind.CPYTHON))
                .await(Duration.ofMinutes(2));

        assertThat(TestSandbox.messages(sandbox, onGraalPy)).containsExactly("graalpy");
        assertThat(TestSandbox.messages(sandbox, onCPython)).containsExactly("cpython");
        assertThat(sandbox.jobs().get(onCPython.id()).placement().runtime()).isEqualTo(RuntimeKind.CPYTHON);
        assertThat(sandbox.models().get(model.id()).runtime()).isEqualTo(RuntimeKind.GRAALPY);
    }

    @Test
    void withoutBubblewrapCPythonIsUnavailableAndAskingForItStoresNothing() {
        try (Sandbox without = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1)
                .bubblewrapExecutable(Path.of("/nonexistent/bwrap")).build()) {
            RuntimeStatus cpython = without.runtimes().get(1);
            assertThat(cpython.available()).isFalse();
            assertThat(cpython.reason()).isEqualTo("bubblewrap (bwrap) not found at /nonexistent/bwrap: apt-get install bubblewrap");

            assertThatThrownBy(() -> without.models().upload(ModelUpload.of("m.py", "print(1)\n".getBytes(StandardCharsets.UTF_8),
                    ModelType.SO).withRuntime(RuntimeKind.CPYTHON)))
                    .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE))
                    .hasMessageContaining("apt-get install bubblewrap");
            assertThat(without.models().list(ModelQuery.all())).isEmpty();

            Model numpy = without.models().upload(ModelUpload.of("n.py", "import numpy\n".getBytes(StandardCharsets.UTF_8),
                    ModelType.SO));
            assertThat(numpy.runtime()).isEqualTo(RuntimeKind.GRAALPY);
            assertThat(numpy.runtimeReason()).contains("only runtime available").contains("bubblewrap");
            assertThatThrownBy(() -> without.jobs().execute(ExecutionRequest.of(numpy.id()).withRuntime(RuntimeKind.CPYTHON)))
                    .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE));
            assertThat(without.jobs().list(JobQuery.latest(10))).isEmpty();
        }
    }
}
