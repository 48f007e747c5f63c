package com.sandboxopt.core;

/**
 * An uploaded model failed a check. For a syntax error {@link #line()} and {@link #column()} are
 * 1-based positions in the file; for other checks they are 0 when not applicable.
 */
public class ModelValidationException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public ModelValidationException(ErrorCode code, String message, int line, int column) {
        super(code, message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
