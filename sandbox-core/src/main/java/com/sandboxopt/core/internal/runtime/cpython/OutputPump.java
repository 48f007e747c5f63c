package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies one native output pipe of a sandbox (what C code and child processes write to fd 1 or 2)
 * to where it should go now: nowhere while the interpreter waits, the job's log while it runs. Keeps
 * the last bytes it dropped, which name why a sandbox did not start.
 */
final class OutputPump implements Runnable {
    private static final int TAIL_BYTES = 4096;

    private final InputStream in;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile OutputStream target;
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailLength; // guarded by this

    private OutputPump(InputStream in) {
        this.in = in;
    }

    static OutputPump start(InputStream in, String name) {
        OutputPump pump = new OutputPump(in);
        Thread thread = new Thread(pump, name);
        thread.setDaemon(true);
        thread.start();
        return pump;
    }

    void target(OutputStream newTarget) {
        this.target = newTarget;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                OutputStream to = target;
                if (to != null) {
                    to.write(buffer, 0, n);
                } else {
                    keep(buffer, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or the log refused more: nothing more to copy
        } finally {
            ended.countDown();
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        int take = Math.min(n, TAIL_BYTES);
        int keepOld = Math.min(tailLength, TAIL_BYTES - take);
        System.arraycopy(tail, tailLength - keepOld, tail, 0, keepOld);
        System.arraycopy(buffer, n - take, tail, keepOld, take);
        tailLength = keepOld + take;
    }

    synchronized String tail() {
        return new String(tail, 0, tailLength, StandardCharsets.UTF_8);
    }

    void awaitEnd(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
