package com.sandboxopt.solver.ortools.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One solver worker process, from the host's side: it sends requests and reads the frames that
 * come back. What the worker's JVM itself prints to stderr (before it captures native output) is
 * logged, and its last lines explain a worker that died.
 */
final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final int STDERR_LINES_KEPT = 20;

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream frames;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile StopReason stoppedBecause;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.frames = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        Thread stderr = new Thread(this::drainStderr, "solver-worker-stderr-" + process.pid());
        stderr.setDaemon(true);
        stderr.start();
    }

    /** Starts a worker and waits until it has loaded the native libraries. */
    static WorkerProcess start(List<String> command) throws IOException {
        WorkerProcess worker = new WorkerProcess(new ProcessBuilder(command).start());
        try {
            int first = worker.frames.read();
            if (first != WorkerProtocol.READY) {
                throw new IOException("The solver worker did not start" + worker.lastWords());
            }
            return worker;
        } catch (IOException e) {
            worker.kill(null);
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive() && stoppedBecause == null;
    }

    /** Sends one request; every log line goes to {@code onLine}; returns the serialized response. */
    byte[] solve(WorkerProtocol.Request request, Consumer<String> onLine) throws IOException {
        try {
            request.write(requests);
            while (true) {
                int type = frames.read();
                if (type == WorkerProtocol.LOG) {
                    byte[] line = new byte[frames.readInt()];
                    frames.readFully(line);
                    onLine.accept(new String(line, StandardCharsets.UTF_8));
                } else if (type == WorkerProtocol.RESULT) {
                    byte[] response = new byte[frames.readInt()];
                    frames.readFully(response);
                    return response;
                } else if (type == WorkerProtocol.ERROR) {
                    throw new WorkerFailure(frames.readUTF(), null);
                } else {
                    throw new EOFException("frame " + type);
                }
            }
        } catch (WorkerFailure e) {
            throw e;
        } catch (IOException e) {
            StopReason reason = stoppedBecause;
            throw new WorkerFailure(reason != null ? "stopped" : "The solver worker died" + lastWords(), reason);
        }
    }

    /** Ends the worker at once; {@code reason} tells a solve waiting on it why. */
    void kill(StopReason reason) {
        if (stoppedBecause == null) {
            stoppedBecause = reason;
        }
        process.destroyForcibly();
    }

    long cpuNanos() {
        return ProcessStats.cpuNanos(process.pid());
    }

    long residentBytes() {
        return ProcessStats.residentBytes(process.pid());
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                LOG.debug("solver worker {}: {}", process.pid(), line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the worker is gone
        }
    }

    private String lastWords() {
        try {
            process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? exit : exit + ": " + String.join(" | ", stderrTail);
        }
    }

    /** Closes stdin (the worker exits by itself) and makes sure the process is gone. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException ignored) {
            // it is being ended anyway
        }
        try {
            if (!process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
