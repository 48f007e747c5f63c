package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ByteSize;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelUpload;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.Json;
import java.util.Map;

/** Every check an upload must pass before anything is stored. Never runs model code. */
public final class ModelValidator {
    private final long maxModelBytes;
    private final SyntaxChecker syntax;

    public ModelValidator(long maxModelBytes, SyntaxChecker syntax) {
        this.maxModelBytes = maxModelBytes;
        this.syntax = syntax;
    }

    /** A model that passed: its safe file name, its source text, and its {@code CONFIG_DEFAULTS} (empty when none). */
    public record ValidModel(String fileName, String source, Map<String, Object> configDefaults) {
    }

    public ValidModel validate(ModelUpload upload) {
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
        String source = SourceDecoder.decode(bytes);
        syntax.check(source, fileName);
        requireStatements(source, fileName);
        String defaults = syntax.configDefaultsJson(source);
        return new ValidModel(fileName, source, defaults == null ? Map.of() : Json.readObject(defaults));
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
