package com.sandboxopt.solver.ortools.internal.worker;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker's file descriptors, rearranged so that everything native code prints (CBC, SCIP and
 * HiGHS write to the C library's stdout, warnings to stderr) can be read by the worker itself and
 * forwarded line by line, while the protocol to the host has a channel of its own: the original
 * stdout is kept for the protocol, and fds 1 and 2 become a pipe the worker reads. C's stdout is
 * made line-buffered: into a pipe it would be block-buffered, and a solver's log would arrive in
 * 4 KiB lumps, long after the lines were printed.
 */
final class NativeOutput {
    private static final int LINE_BUFFERED = 1; // _IOLBF in glibc

    private final NativeLibrary libc;
    private final OutputStream protocol;
    private final InputStream log;

    private NativeOutput(NativeLibrary libc, OutputStream protocol, InputStream log) {
        this.libc = libc;
        this.protocol = protocol;
        this.log = log;
    }

    static NativeOutput capture() throws IOException {
        NativeLibrary libc = NativeLibrary.getInstance("c");
        int protocolFd = call(libc, "dup", 1);
        int[] pipe = new int[2];
        if (libc.getFunction("pipe").invokeInt(new Object[] {pipe}) != 0) {
            throw new IOException("pipe() failed");
        }
        call(libc, "dup2", pipe[1], 1);
        call(libc, "dup2", pipe[1], 2);
        call(libc, "close", pipe[1]);
        Function setvbuf = libc.getFunction("setvbuf");
        setvbuf.invokeInt(new Object[] {cStdout(libc), null, LINE_BUFFERED, 0L});
        return new NativeOutput(libc, new FileOutputStream("/proc/self/fd/" + protocolFd),
                new FileInputStream("/proc/self/fd/" + pipe[0]));
    }

    private static int call(NativeLibrary libc, String name, Object... args) throws IOException {
        int result = libc.getFunction(name).invokeInt(args);
        if (result < 0) {
            throw new IOException(name + "() failed");
        }
        return result;
    }

    private static Pointer cStdout(NativeLibrary libc) {
        return libc.getGlobalVariableAddress("stdout").getPointer(0);
    }

    OutputStream protocol() {
        return protocol;
    }

    InputStream log() {
        return log;
    }

    /** Pushes out whatever C's stdio still buffers, so that it reaches the log before the result. */
    void flushNative() {
        libc.getFunction("fflush").invokeInt(new Object[] {null});
    }
}
