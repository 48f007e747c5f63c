package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelValidationException;

/** The one wording of a syntax error, whichever runtime's parser found it. */
public final class SyntaxErrors {
    private SyntaxErrors() {
    }

    /** @param line and column 1-based, 0 when the parser gave none */
    public static ModelValidationException of(String fileName, int line, int column, String message, String source) {
        return new ModelValidationException(ErrorCode.SYNTAX_ERROR,
                "Python syntax error in " + fileName + " at line " + line + ", column " + column + ": " + message,
                line, column, SourceText.line(source, line));
    }
}
