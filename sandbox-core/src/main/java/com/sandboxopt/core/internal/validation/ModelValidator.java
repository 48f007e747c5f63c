package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ByteSize;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Json;
import java.util.Map;

/**
 * Every check an upload must pass before anything is stored. Never runs model code: the syntax is checked
 * by the parser of the runtime the model will run on, which compiles it without running it.
 */
public final class ModelValidator {
    private final long maxModelBytes;

    public ModelValidator(long maxModelBytes) {
        this.maxModelBytes = maxModelBytes;
    }

    /** An upload whose name, size and encoding passed: its safe file name and its source text. */
    public record DecodedModel(String fileName, String source) {
    }

    /** A model that passed: its safe file name, its source text, and its {@code CONFIG_DEFAULTS} (empty when none). */
    public record ValidModel(String fileName, String source, Map<String, Object> configDefaults) {
    }

    /** The checks that need no parser: what the upload is, its size and its encoding. */
    public DecodedModel decode(ModelUpload upload) {
        if (upload == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "No upload given");
        }
        if (upload.type() == null) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "modelType is required: one of DMO, RMO, SO");
        }
        String fileName = FileNames.safePythonFileName(upload.fileName());
        byte[] bytes = upload.content();
        if (bytes == null || bytes.length == 0) {
            throw new ModelValidationException(ErrorCode.INVALID_FILE_CONTENT,
                    fileName + " is empty: upload a file with Python code in it", 0, 0);
        }
        if (bytes.length > maxModelBytes) {
            throw new ModelValidationException(ErrorCode.FILE_TOO_LARGE,
                    ByteSize.overLimit(fileName, bytes.length, maxModelBytes) + ": make the model smaller", 0, 0);
        }
        return new DecodedModel(fileName, SourceDecoder.decode(bytes));
    }

    /** @param syntax the parser of the runtime the model will run on */
    public ValidModel check(DecodedModel model, SourceCheck syntax) {
        CheckedSource checked = syntax.check(model.source(), model.fileName());
        requireStatements(model.source(), model.fileName());
        String defaults = checked.configDefaultsJson();
        return new ValidModel(model.fileName(), model.source(), defaults == null ? Map.of() : Json.readObject(defaults));
    }

    /**
     * A file that parses but holds nothing to run is not a model: only blank lines, only comments, or only
     * a docstring (a string literal that describes a model but is not one). {@code pass} counts as a statement.
     */
    static void requireStatements(String source, String fileName) {
        String problem = switch (SourceText.content(source)) {
            case BLANK -> " has no Python statements (only blank lines)";
            case COMMENTS -> " has no Python statements (only comments or blank lines)";
            case DOCSTRING -> " has no Python statements, only a docstring (text that describes a model, with no code"
                    + " that runs)";
            case CODE -> null;
        };
        if (problem != null) {
            throw new ModelValidationException(ErrorCode.INVALID_FILE_CONTENT,
                    fileName + problem + ": upload the model's code", 0, 0);
        }
    }
}
