package com.sandboxopt.core.internal.solving;

/** A problem the guest passed cannot be solved as given; the message says what to fix (a Python ValueError). */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProblemException(String message) {
        super(message);
    }
}
