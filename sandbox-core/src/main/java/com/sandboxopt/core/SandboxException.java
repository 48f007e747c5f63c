package com.sandboxopt.core;

/** The one unchecked exception of the library; {@link #code()} says what kind of problem it is. */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SandboxException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public SandboxException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
