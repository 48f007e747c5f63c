package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder says which runtimes a sandbox has; the others are not built, and asking for them is refused. */
class RuntimeSelectionTest {
    private static final String MODEL = "import sandbox\nprint('on', sandbox.model_type)\nsandbox.result({'ok': True})\n";

    @Test
    void graalPyAloneBuildsAndRunsWithoutBubblewrap() {
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase().dataDirectory(TestSandbox.tempDirectory())
                .runtimes(RuntimeKind.GRAALPY).bubblewrapExecutable(Path.of("/nonexistent/bwrap")).build()) {
            assertThat(sandbox.runtimes()).extracting(RuntimeStatus::kind).containsExactly(RuntimeKind.GRAALPY);

            Model model = upload(sandbox, ModelUpload.of("alone.py", bytes(MODEL), ModelType.DMO));
            assertThat(model.runtime()).isEqualTo(RuntimeKind.GRAALPY);
            assertThat(model.runtimeReason()).contains("the only runtime available here");
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));
            assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCESS);
            assertThat(job.placement().runtime()).isEqualTo(RuntimeKind.GRAALPY);

            assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id()).withRuntime(RuntimeKind.CPYTHON)))
                    .isInstanceOfSatisfying(SandboxException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE))
                    .hasMessageContaining("not part of this sandbox");
        }
    }

    @Test
    void cpythonAloneRunsAutoModelsThereAndRefusesGraalPy() {
        try (Sandbox sandbox = Sandbox.builder().inMemoryDatabase().dataDirectory(TestSandbox.tempDirectory())
                .runtimes(RuntimeKind.CPYTHON).build()) {
            assertThat(sandbox.runtimes()).extracting(RuntimeStatus::kind).containsExactly(RuntimeKind.CPYTHON);

            Model model = upload(sandbox, ModelUpload.of("cpy.py", bytes(MODEL), ModelType.RMO));
            assertThat(model.runtime()).isEqualTo(RuntimeKind.CPYTHON);
            Job job = sandbox.jobs().execute(ExecutionRequest.of(model.id())).await(Duration.ofMinutes(2));
            assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(JobStatus.SUCCESS);

            assertThatThrownBy(() -> sandbox.models().upload(
                    ModelUpload.of("g.py", bytes(MODEL), ModelType.SO).withRuntime(RuntimeKind.GRAALPY)))
                    .isInstanceOfSatisfying(SandboxException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_UNAVAILABLE))
                    .hasMessageContaining("not part of this sandbox");
            assertThat(sandbox.models().list(null)).extracting(Model::fileName).containsExactly("cpy.py");
        }
    }

    @Test
    void aDefaultRuntimeTheSandboxDoesNotHaveIsRefusedAtBuild() {
        assertThatThrownBy(() -> Sandbox.builder().inMemoryDatabase().runtimes(RuntimeKind.CPYTHON)
                .defaultRuntime(RuntimeKind.GRAALPY).build())
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("defaultRuntime graalpy is not one of this sandbox's runtimes");
        assertThatThrownBy(() -> Sandbox.builder().inMemoryDatabase().runtimes().build())
                .hasMessageContaining("runtimes must name graalpy, cpython or both");
        assertThatThrownBy(() -> Sandbox.builder().inMemoryDatabase().runtimes(RuntimeKind.AUTO).build())
                .hasMessageContaining("runtimes must name graalpy, cpython or both");
    }

    private static Model upload(Sandbox sandbox, ModelUpload upload) {
        return sandbox.models().upload(upload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
