package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With learning on (the default) a run is prepared with the imports of the models recently run or
 * uploaded: a GraalPy context per job thread, a CPython interpreter waiting in the runtime's pool. One job
 * thread, so the run a probe job gets is the one prepared after what the test did before it. Each runtime
 * gets a sandbox of its own.
 */
@ParameterizedClass
@EnumSource(names = {"GRAALPY", "CPYTHON"})
class LearnedImportsTest {
    private static final String PROBE = "import sys\nprint([m in sys.modules for m in ('fractions', 'statistics', 'xml.dom.minidom')])\n";
    private static Sandbox sandbox;

    @Parameter
    RuntimeKind runtime;

    @BeforeParameterizedClassInvocation
    static void start() {
        sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1).build();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        sandbox.close();
    }

    @Test
    void aRunModelsImportsAreDoneBeforeItsNextRunAndAnUploadedModelsBeforeItsFirst() {
        assertThat(TestSandbox.messages(sandbox, TestSandbox.run(sandbox, PROBE, runtime))).containsExactly("[False, False, False]");

        TestSandbox.run(sandbox, "import fractions\nprint(fractions.Fraction(1, 3))\n", runtime);
        assertThat(TestSandbox.messages(sandbox, TestSandbox.run(sandbox, PROBE, runtime))).containsExactly("[True, False, False]");

        TestSandbox.upload(sandbox, "stats.py", ModelType.SO, "def f():\n    from statistics import mean\n    import xml.dom.minidom\n",
                runtime);
        assertThat(TestSandbox.messages(sandbox, TestSandbox.run(sandbox, PROBE, runtime))).containsExactly("[True, True, True]");
    }

    @Test
    void whatAModulePrintsWhenImportedAheadNeverReachesAnotherJobsLog() {
        TestSandbox.upload(sandbox, "zen.py", ModelType.DMO, "import this\n", runtime);

        assertThat(TestSandbox.messages(sandbox, TestSandbox.run(sandbox, "print('only this')\n", runtime))).containsExactly("only this");
    }

    @Test
    void aModuleWhoseImportBreaksItsContextIsDroppedAndOtherJobsGoOn() {
        // Under the sandbox policy `import pydoc` stops GraalPy with an internal error, which no
        // Python code can catch: learned from an upload, it must not take other jobs down with it.
        TestSandbox.upload(sandbox, "docs.py", ModelType.RMO, "import pydoc\n", runtime);

        for (int i = 0; i < 2; i++) {
            Job job = TestSandbox.run(sandbox, "print('still fine')\n", runtime);
            assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
            assertThat(TestSandbox.messages(sandbox, job)).containsExactly("still fine");
        }
    }

    @Test
    void aModuleThatCannotBeImportedIsNotAProblem() {
        String withFallback = "try:\n    import numpy_is_not_here\nexcept ImportError:\n    print('fallback')\n";
        Job job = TestSandbox.run(sandbox, withFallback, runtime);
        Job again = TestSandbox.run(sandbox, withFallback, runtime); // its context was prepared after learning the import

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(again.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(sandbox, again)).containsExactly("fallback");
    }
}
