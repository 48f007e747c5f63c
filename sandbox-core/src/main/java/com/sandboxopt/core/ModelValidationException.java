package com.sandboxopt.core;

/**
 * An uploaded model failed a check. For a syntax error {@link #line()} and {@link #column()} are
 * 1-based positions in the file and {@link #sourceLine()} is the text of that line; for other checks
 * they are 0 (and null) when not applicable.
 */
public class ModelValidationException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String sourceLine;

    public ModelValidationException(ErrorCode code, String message, int line, int column) {
        this(code, message, line, column, null);
    }

    /**
     * @param sourceLine the text of line {@code line} without its line break (at most a few hundred characters,
     *                   see {@link #sourceLine()}), or null
     */
    public ModelValidationException(ErrorCode code, String message, int line, int column, String sourceLine) {
        super(code, message);
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /**
     * The offending line's text, without its line break, for showing it with a caret under {@link #column()};
     * a very long line is cut after its first 1,000 characters (ending in "…"). Null when the check has no line,
     * or the line is past the end of the file (an error at the end of input).
     */
    public String sourceLine() {
        return sourceLine;
    }
}
