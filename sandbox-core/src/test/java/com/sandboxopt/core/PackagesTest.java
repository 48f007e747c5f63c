package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package folders are importable and read-only; native code and symlinks out of them are refused clearly. */
class PackagesTest {
    private static Path folders;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws IOException {
        folders = TestSandbox.tempDirectory();
        Path tariffs = Files.createDirectories(folders.resolve("tariffs"));
        write(tariffs.resolve("__init__.py"), "from .rates import peak\nNAME = 'tariffs'\n");
        write(tariffs.resolve("rates.py"), "def peak(mw):\n    return 42.5 * mw\n");
        write(tariffs.resolve("table.csv"), "hour,price\n1,40\n");
        Files.createSymbolicLink(tariffs.resolve("leak.txt"), Path.of("/etc/passwd"));
        Path site = Files.createDirectories(folders.resolve("site"));
        write(site.resolve("helpers.py"), "def double(x):\n    return 2 * x\n");
        Path fast = Files.createDirectories(site.resolve("fastlib"));
        write(fast.resolve("__init__.py"), "from ._speedups import go\n");
        write(fast.resolve("_speedups.cpython-311-x86_64-linux-gnu.so"), "\u007fELF not really");
        Path numpyLike = Files.createDirectories(site.resolve("numlike"));
        write(numpyLike.resolve("__init__.py"), "from .core import multiarray\n");
        Files.createDirectories(numpyLike.resolve("core"));
        write(numpyLike.resolve("core").resolve("__init__.py"), "");
        write(numpyLike.resolve("core").resolve("multiarray.so"), "\u007fELF");
        // what GraalPy's own file system shows of package folders; auto would run most of these models on CPython
        sandbox = Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(1)
                .packages(tariffs, site).defaultRuntime(RuntimeKind.GRAALPY).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private List<String> run(String... lines) {
        Job job = TestSandbox.run(sandbox, String.join("\n", lines) + "\n");
        assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.SUCCESS);
        return TestSandbox.messages(sandbox, job);
    }

    @Test
    void aPackageFolderAndAFolderOfPackagesAreImportable() {
        assertThat(run(
                "import tariffs, helpers, sys",
                "print(tariffs.NAME, tariffs.peak(2), helpers.double(21))",
                "print(tariffs.__file__, helpers.__file__)",
                "print([p for p in sys.path if not p.startswith(sys.prefix)])",
                "import os",
                "print(sorted(os.listdir('/packages')), open('/packages/tariffs/table.csv').read().splitlines())"))
                .containsExactly(
                        "tariffs 85.0 42",
                        "/packages/tariffs/__init__.py /site/1/helpers.py",
                        "['/packages', '/site/1']",
                        "['tariffs'] ['hour,price', '1,40']");
    }

    @Test
    void onlyTheConfiguredPackageIsVisibleNotItsSiblings() {
        assertThat(run(
                "import os",
                "print(sorted(os.listdir('/packages/tariffs/..')), sorted(os.listdir('/site')))",
                "try:",
                "    open('/packages/tariffs/../site/helpers.py')",
                "except OSError as e:",
                "    print('hidden', type(e).__name__)"))
                .containsExactly("['tariffs'] ['1']", "hidden PermissionError");
    }

    @Test
    void packageFoldersAreReadOnly() {
        assertThat(run(
                "import os",
                "for attempt in (lambda: open('/packages/tariffs/evil.py', 'w'), lambda: os.remove('/site/1/helpers.py'),",
                "                lambda: os.mkdir('/site/1/x'), lambda: os.rename('/packages/tariffs/rates.py', 'rates.py')):",
                "    try:",
                "        attempt()",
                "        print('allowed')",
                "    except OSError as e:",
                "        print('denied', e.errno)"))
                .containsExactly("denied 13", "denied 13", "denied 13", "denied 13");
    }

    @Test
    void aSymlinkLeadingOutOfAPackageFolderIsNotFollowed() {
        List<String> lines = run(
                "try:",
                "    print(open('/packages/tariffs/leak.txt').read())",
                "except OSError as e:",
                "    print('denied', type(e).__name__)");

        assertThat(lines).containsExactly("denied PermissionError");
    }

    @Test
    void aModuleThatNeedsNativeCodeFailsWithAClearImportError() {
        assertThat(run(
                "for name in ('fastlib', 'numlike'):",
                "    try:",
                "        __import__(name)",
                "    except ImportError as e:",
                "        print(type(e).__name__, e)"))
                .containsExactly(
                        "ImportError fastlib._speedups needs native code (_speedups.cpython-311-x86_64-linux-gnu.so is a "
                                + "compiled extension module), which jobs in the GraalPy sandbox cannot load: only "
                                + "pure-Python packages work here",
                        "ImportError numlike.core.multiarray needs native code (multiarray.so is a compiled extension "
                                + "module), which jobs in the GraalPy sandbox cannot load: only pure-Python packages work here");
    }

    @Test
    void ctypesImportsButSaysItCannotWork() {
        assertThat(run(
                "import ctypes",
                "try:",
                "    ctypes.CDLL('libc.so.6')",
                "except ImportError as e:",
                "    print(e)"))
                .containsExactly("ctypes.CDLL is not available: ctypes needs native code, which the GraalPy sandbox does not run");
    }

    @Test
    void aFolderThatIsMissingOrNotAPackageStopsBuildNamingIt() {
        Path missing = folders.resolve("nope");
        assertThatThrownBy(() -> Sandbox.builder().inMemoryDatabase().packages(missing).build())
                .isInstanceOf(SandboxException.class).hasMessageContaining("packages: " + missing + " does not exist");
    }

    @Test
    void withoutASolverSolvingSaysHowToConfigureOne() {
        Job job = TestSandbox.run(sandbox, "import sandbox\nsandbox.solve({'variables': {'x': {}}, 'objective': {'x': 1}})\n");

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).startsWith("RuntimeError: No solver is configured in this sandbox")
                .contains("SandboxBuilder.solver");
    }

    @Test
    void autoPicksGraalPyForAModelImportingAPackageFolderOnlyGraalPyCanRead() {
        // the folders are temporary directories (mode 700): the CPython sandbox's user cannot read them
        Model model = sandbox.models().upload(ModelUpload.of("tariff_user.py",
                "import tariffs\nprint(tariffs.peak(2))\n".getBytes(StandardCharsets.UTF_8), ModelType.DMO)
                .withRuntime(RuntimeKind.AUTO));
        Model plain = sandbox.models().upload(ModelUpload.of("plain.py", "print(1)\n".getBytes(StandardCharsets.UTF_8),
                ModelType.DMO).withRuntime(RuntimeKind.AUTO));

        assertThat(model.runtime()).isEqualTo(RuntimeKind.GRAALPY);
        assertThat(model.runtimeReason()).contains("tariffs", "package folder");
        assertThat(plain.runtime()).as(plain.runtimeReason()).isEqualTo(RuntimeKind.CPYTHON);
        Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(java.time.Duration.ofMinutes(2));
        assertThat(sandbox.jobs().logs(job.id(), LogQuery.all())).extracting(LogLine::message).containsExactly("85.0");
    }
}
