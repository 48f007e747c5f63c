package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hostile models on GraalPy, plus what only GraalPy's sandbox denies outright (processes, threads, the host's classes). */
class GraalPyHostileModelsTest extends HostileModelsContract {
    @Override
    RuntimeKind runtime() {
        return RuntimeKind.GRAALPY;
    }

    @Test
    void listingTheFileSystemIsDenied() {
        Job job = run("import os\nprint(os.listdir('/'))\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", messages(job))).doesNotContain("'etc'");
    }

    @Test
    void spawningAProcessIsDenied() {
        Job job = run("import subprocess\nprint(subprocess.run(['id'], capture_output=True).stdout)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(String.join("\n", messages(job))).doesNotContain("uid=");
    }

    @Test
    void javaHostLookupIsDenied() {
        Job job = run("import java\nsystem = java.type('java.lang.System')\nsystem.exit(1)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void evaluatingAnotherLanguageIsDenied() {
        Job job = run("import polyglot\nprint(polyglot.eval(language='js', string='6*7'))\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(messages(job)).doesNotContain("42");
    }

    @Test
    void startingAThreadIsDenied() {
        Job job = run("import threading\nt = threading.Thread(target=lambda: print('in thread'))\nt.start()\nt.join()\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(messages(job)).doesNotContain("in thread");
    }

    @Test
    void recursionBombEndsInRecursionError() {
        Job job = run("def f(n):\n    return f(n + 1)\nf(0)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("RecursionError");
        assertThat(messages(job)).contains("    f(0)", "    return f(n + 1)")
                .anyMatch(line -> line.matches("  \\[\\.\\.\\. \\d+ frames not shown \\.\\.\\.]"));
    }

    @Test
    void recursionBombWithARaisedLimitStillEndsInRecursionError() {
        Job job = run("import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1)\nf(0)\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).contains("RecursionError");
    }
}
