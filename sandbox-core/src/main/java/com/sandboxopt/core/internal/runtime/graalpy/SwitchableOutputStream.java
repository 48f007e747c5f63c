package com.sandboxopt.core.internal.runtime.graalpy;

import java.io.IOException;
import java.io.OutputStream;

/** A context's out or err: discards while the context waits, then writes to its job's log. */
final class SwitchableOutputStream extends OutputStream {
    private volatile OutputStream target = OutputStream.nullOutputStream();

    void target(OutputStream newTarget) {
        this.target = newTarget;
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }
}
