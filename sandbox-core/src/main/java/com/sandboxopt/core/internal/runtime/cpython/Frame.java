package com.sandboxopt.core.internal.runtime.cpython;

import java.nio.charset.StandardCharsets;

/** One message on a sandboxed interpreter's pipes: a kind byte and a payload (see sandbox_cpython.py). */
record Frame(byte kind, byte[] payload) {
    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static Frame of(char kind, String payload) {
        return new Frame((byte) kind, payload.getBytes(StandardCharsets.UTF_8));
    }
}
