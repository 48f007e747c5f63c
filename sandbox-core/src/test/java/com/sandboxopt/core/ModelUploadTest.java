package com.sandboxopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelUploadTest {
    private final Sandbox sandbox = TestSandbox.shared();

    @Test
    void validModelIsStoredWithTheSpecNameFormatAndItsSource() {
        String source = "# modèle\nprint('hello')\n";
        Model model = sandbox.models().upload(new ModelUpload("sample_dmo_model.py",
                source.getBytes(StandardCharsets.UTF_8), ModelType.DMO, "day-ahead test"));

        assertThat(model.name()).matches("DMO_\\d{13}_sample_dmo_model\\.py");
        assertThat(model.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(model.description()).isEqualTo("day-ahead test");
        assertThat(sandbox.models().get(model.id())).isEqualTo(model);
        assertThat(sandbox.models().source(model.id())).isEqualTo(source);
    }

    @Test
    void fileNameWithAPathIsReducedToItsBaseName() {
        Model unix = TestSandbox.upload(sandbox, "../../etc/evil.py", ModelType.SO, "x = 1\n");
        Model windows = TestSandbox.upload(sandbox, "C:\\Users\\me\\model.py", ModelType.SO, "x = 1\n");

        assertThat(unix.fileName()).isEqualTo("evil.py");
        assertThat(unix.name()).doesNotContain("/").doesNotContain("..");
        assertThat(windows.fileName()).isEqualTo("model.py");
    }

    @Test
    void nonPythonFileIsRejectedAndNothingIsStored() {
        long before = countAll();
        assertRejected("model.txt", "print(1)".getBytes(StandardCharsets.UTF_8), ErrorCode.UNSUPPORTED_FILE_TYPE, "only .py");
        assertRejected("../.py", "print(1)".getBytes(StandardCharsets.UTF_8), ErrorCode.INVALID_ARGUMENT, "no name");
        assertThat(countAll()).isEqualTo(before);
    }

    @Test
    void emptyFileIsRejected() {
        assertRejected("empty.py", new byte[0], ErrorCode.INVALID_FILE_CONTENT, "empty");
    }

    @Test
    void fileOverTheSizeLimitIsRejected() {
        long before = countAll();
        byte[] elevenMiB = new byte[11 * 1024 * 1024];
        Arrays.fill(elevenMiB, (byte) '#');
        assertRejected("big.py", elevenMiB, ErrorCode.FILE_TOO_LARGE, "big.py is 11 MiB; the limit is 10 MiB: make the model smaller");
        byte[] oneByteOver = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(oneByteOver, (byte) '#');
        assertRejected("over.py", oneByteOver, ErrorCode.FILE_TOO_LARGE,
                "over.py is 10,485,761 bytes; the limit is 10,485,760 bytes (10 MiB)");
        assertThat(countAll()).isEqualTo(before);
    }

    @Test
    void aFileWithoutStatementsIsRejectedAndNothingIsStored() {
        long before = countAll();
        assertRejected("comments.py", utf8("# a model, some day\n\n# TODO: write it\n"), ErrorCode.INVALID_FILE_CONTENT,
                "comments.py has no Python statements (only comments or blank lines): upload the model's code");
        assertRejected("blank.py", utf8("\n   \n\t\n\r\n"), ErrorCode.INVALID_FILE_CONTENT,
                "blank.py has no Python statements (only blank lines)");
        assertRejected("bom.py", utf8("\uFEFF# only a comment after the BOM\n"), ErrorCode.INVALID_FILE_CONTENT,
                "only comments or blank lines");
        ModelValidationException docstring = assertRejected("doc.py",
                utf8("#!/usr/bin/env python3\n\"\"\"Day-ahead clearing.\n\nReads offers and bids.\n\"\"\"\n# the code comes later\n"),
                ErrorCode.INVALID_FILE_CONTENT, "doc.py has no Python statements, only a docstring");
        assertThat(docstring.getMessage()).endsWith(": upload the model's code");
        assertThat(docstring.line()).isZero();
        assertRejected("strings.py", utf8("r'one' \\\n  u\"two\"\n'''three \\''' '''\n"), ErrorCode.INVALID_FILE_CONTENT,
                "only a docstring");
        assertThat(countAll()).isEqualTo(before);
        assertThat(sandbox.models().list(new ModelQuery(null, null))).extracting(Model::fileName)
                .doesNotContain("comments.py", "blank.py", "bom.py", "doc.py", "strings.py");
    }

    @Test
    void theSmallestStatementsAreModels() {
        assertThat(TestSandbox.upload(sandbox, "pass_only.py", ModelType.SO, "# nothing yet\npass\n").status())
                .isEqualTo(ModelStatus.ACTIVE);
        assertThat(TestSandbox.upload(sandbox, "doc_and_code.py", ModelType.SO, "\"\"\"Doc.\"\"\"\nx = 1\n").status())
                .isEqualTo(ModelStatus.ACTIVE);
        assertThat(TestSandbox.upload(sandbox, "fstring.py", ModelType.SO, "f'{print(1)}'\n").status())
                .as("an f-string runs its expressions").isEqualTo(ModelStatus.ACTIVE);
        assertThat(TestSandbox.upload(sandbox, "method_on_string.py", ModelType.SO, "'a,b'.split(',')\n").status())
                .isEqualTo(ModelStatus.ACTIVE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nonUtf8FileIsRejectedNamingTheLine() {
        byte[] latin1 = "x = 1\ny = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        ModelValidationException e = assertRejected("latin.py", latin1, ErrorCode.INVALID_FILE_CONTENT, "not valid UTF-8");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void fileWithNulBytesIsRejected() {
        assertRejected("nul.py", "x = 1\u0000\n".getBytes(StandardCharsets.UTF_8), ErrorCode.INVALID_FILE_CONTENT, "NUL byte");
    }

    @Test
    void syntaxErrorIsRejectedWithLineAndColumnAndNothingIsStored() {
        long before = countAll();
        String source = "def ok():\n    return 1\n\nx = = 2\nprint(x)\n";
        ModelValidationException e = assertRejected("broken.py", source.getBytes(StandardCharsets.UTF_8),
                ErrorCode.SYNTAX_ERROR, "line 4");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).contains("column " + e.column());
        assertThat(e.sourceLine()).isEqualTo("x = = 2");
        assertThat(countAll()).isEqualTo(before);
    }

    @Test
    void validationNeverRunsModelCode() {
        int jobsBefore = sandbox.jobs().list(JobQuery.latest(10_000)).size();
        Model model = TestSandbox.upload(sandbox, "side_effects.py", ModelType.RMO,
                "import sandbox\nsandbox.result('ran')\nprint('I ran')\nraise SystemExit(7)\n");

        assertThat(model.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(sandbox.jobs().list(JobQuery.latest(10_000))).hasSize(jobsBefore);
    }

    @Test
    void modelsAreListedByTypeAndStatusWithCountsPerType() {
        Model rmo = TestSandbox.upload(sandbox, "list_rmo.py", ModelType.RMO, "x = 1\n");
        Model so = TestSandbox.upload(sandbox, "list_so.py", ModelType.SO, "x = 2\n");
        long activeRmo = sandbox.models().counts(ModelStatus.ACTIVE).get(ModelType.RMO);

        sandbox.models().archive(so.id());

        List<Model> rmoModels = sandbox.models().list(new ModelQuery(ModelType.RMO, ModelStatus.ACTIVE));
        assertThat(rmoModels).contains(rmo).allMatch(m -> m.type() == ModelType.RMO && m.status() == ModelStatus.ACTIVE);
        assertThat(sandbox.models().list(new ModelQuery(null, ModelStatus.ARCHIVED))).extracting(Model::id).contains(so.id());
        assertThat(sandbox.models().get(so.id()).status()).isEqualTo(ModelStatus.ARCHIVED);
        assertThat(sandbox.models().counts(ModelStatus.ACTIVE)).containsKeys(ModelType.DMO, ModelType.RMO, ModelType.SO);
        assertThat(sandbox.models().counts(ModelStatus.ACTIVE).get(ModelType.RMO)).isEqualTo(activeRmo);
    }

    @Test
    void archivedModelCannotRunButKeepsItsSource() {
        Model model = TestSandbox.upload(sandbox, "archived.py", ModelType.DMO, "print('x')\n");
        sandbox.models().archive(model.id());

        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of(model.id())))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_ARCHIVED));
        assertThat(sandbox.models().source(model.id())).isEqualTo("print('x')\n");
    }

    @Test
    void unknownModelIsReportedAsNotFound() {
        assertThatThrownBy(() -> sandbox.models().get("nope"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND));
        assertThatThrownBy(() -> sandbox.jobs().execute(ExecutionRequest.of("nope")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND));
    }

    private ModelValidationException assertRejected(String name, byte[] content, ErrorCode code, String messagePart) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> sandbox.models().upload(ModelUpload.of(name, content, ModelType.DMO)));
        assertThat(thrown).isInstanceOf(ModelValidationException.class).hasMessageContaining(messagePart);
        ModelValidationException e = (ModelValidationException) thrown;
        assertThat(e.code()).isEqualTo(code);
        return e;
    }

    private long countAll() {
        return sandbox.models().counts(null).values().stream().mapToLong(Long::longValue).sum();
    }
}
