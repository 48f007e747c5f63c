package com.sandboxopt.core;

import java.util.Locale;

/**
 * Where a model runs. {@link #GRAALPY} runs it in a sandboxed GraalPy context inside the JVM (fast
 * to start, pure Python only); {@link #CPYTHON} runs it with a CPython interpreter inside an OS
 * sandbox (native packages such as numpy, pandas and SciPy, CPython's speed). {@link #AUTO} is a
 * request only: the sandbox picks one of the two from the model's imports; a model or job always
 * names the runtime it got.
 */
public enum RuntimeKind {
    GRAALPY, CPYTHON, AUTO;

    /** The name on the wire: {@code graalpy}, {@code cpython} or {@code auto}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws SandboxException INVALID_ARGUMENT naming the accepted values
     */
    public static RuntimeKind parse(String name) {
        if (name != null) {
            for (RuntimeKind kind : values()) {
                if (kind.wireName().equalsIgnoreCase(name.strip())) {
                    return kind;
                }
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                "runtime must be graalpy, cpython or auto, was '" + name + "'");
    }
}
