package com.sandboxopt.core;

/**
 * Whether a runtime can run jobs on this machine.
 *
 * @param kind      {@link RuntimeKind#GRAALPY} or {@link RuntimeKind#CPYTHON}
 * @param available whether jobs can run on it
 * @param version   what runs, e.g. {@code GraalPy 25.0.3 (Python 3.12.8)} or {@code CPython 3.11.2 (/usr/bin/python3)}
 * @param reason    when not available, why and what to do; null otherwise
 */
public record RuntimeStatus(RuntimeKind kind, boolean available, String version, String reason) {
    public String name() {
        return kind.wireName();
    }
}
