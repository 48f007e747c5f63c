package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sandbox whose GraalPy contexts pre-import nothing (the only name given cannot be imported, and
 * nothing is learned from the models): the sandbox module, logging and tracebacks must work exactly as
 * with the default pre-imports, the modules being set up when the model first imports them. (The CPython
 * runtime's interpreters are checked in {@link CPythonRuntimeTest}.)
 */
class PreImportsTest {
    private static Sandbox lean;

    @BeforeAll
    static void start() {
        lean = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1)
                .preImports(List.of("no_such_module_for_the_test")).learnImports(false).defaultRuntime(RuntimeKind.GRAALPY)
                .build();
    }

    @AfterAll
    static void stop() {
        lean.close();
    }

    @Test
    void loggingImportedByTheModelIsRoutedWithLevels() {
        Job job = TestSandbox.run(lean, String.join("\n",
                "import sys",
                "print('logging' in sys.modules, 'json' in sys.modules)",
                "import logging",
                "logging.basicConfig(level=logging.DEBUG)",
                "logging.getLogger('dmo').debug('d')",
                "logging.info('i %d', 1)",
                "logging.warning('w')", ""));

        assertThat(lean.jobs().logs(job.id(), LogQuery.all())).extracting(LogLine::level, LogLine::message).containsExactly(
                tuple(LogLevel.INFO, "False False"),
                tuple(LogLevel.DEBUG, "d"),
                tuple(LogLevel.INFO, "i 1"),
                tuple(LogLevel.WARNING, "w"));
    }

    @Test
    void configAndResultWorkWithoutJsonImportedAhead() {
        Job job = TestSandbox.run(lean, String.join("\n",
                "import sandbox",
                "from sandbox import config",
                "print(config['hours'], sandbox.config is config)",
                "sandbox.result({'hours': config['hours'] + 1})", ""), Map.of("hours", 24), null);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(TestSandbox.messages(lean, job)).containsExactly("24 True");
        assertThat(job.result()).isEqualTo(Map.of("hours", 25));
    }

    @Test
    void tracebacksShowTheModelsSourceLinesHoweverTheyArePrinted() {
        Job job = TestSandbox.run(lean, String.join("\n",
                "import traceback",
                "def solve():",
                "    raise ValueError('infeasible')",
                "try:",
                "    solve()",
                "except ValueError:",
                "    traceback.print_exc()",
                "solve()", ""));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("ValueError: infeasible");
        List<String> messages = TestSandbox.messages(lean, job);
        assertThat(messages.stream().filter(m -> m.equals("    raise ValueError('infeasible')"))).hasSize(2);
    }

    @Test
    void thePreludeLeavesNothingInTheModelsGlobalsOrImportMachinery() {
        Job job = TestSandbox.run(lean, String.join("\n",
                "import sys, logging, linecache",
                "print(sorted(name for name in globals() if not name.startswith('__') or 'sandbox' in name))",
                "print([sorted(f.callbacks) for f in sys.meta_path if 'After' in type(f).__name__])",
                "import resource",
                "print([sorted(f.callbacks) for f in sys.meta_path if 'After' in type(f).__name__])", ""));

        // the one import hook holds only what was not imported yet: the callbacks of what was imported ran and are gone
        assertThat(TestSandbox.messages(lean, job)).containsExactly("['linecache', 'logging', 'sys']",
                "[['pulp.apis', 'pulp.apis.core', 'resource']]", "[['pulp.apis', 'pulp.apis.core']]");
    }
}
