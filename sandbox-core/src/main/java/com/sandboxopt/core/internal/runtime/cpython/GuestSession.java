package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.logs.LineSplitter;
import com.sandboxopt.core.internal.runtime.GuestBridge;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.runtime.Outcome;
import com.sandboxopt.core.internal.runtime.Tracebacks;
import java.io.IOException;
import java.util.Map;

/**
 * One job's conversation with its sandboxed interpreter: sends the job, turns each frame into the
 * job's log lines, events, result and solves, and, once every process of the sandbox has ended,
 * says how the model ended. A frame that is not the protocol ends the job: the host never acts
 * on what it cannot read.
 */
final class GuestSession {
    private final SandboxedInterpreter interpreter;
    private final JobRun run;
    private final JobLog log;
    private final GuestBridge bridge;
    private String traceback;
    private String brokenChannel;

    GuestSession(SandboxedInterpreter interpreter, JobRun run, JobLog log, GuestBridge bridge) {
        this.interpreter = interpreter;
        this.run = run;
        this.log = log;
        this.bridge = bridge;
    }

    Outcome run(Frame job) throws IOException, InterruptedException {
        // Native output has partial lines of its own: it must not be glued to Python's partial lines.
        LineSplitter nativeOut = new LineSplitter(lines -> log.emitLines(LogLevel.INFO, lines));
        LineSplitter nativeErr = new LineSplitter(lines -> log.emitLines(LogLevel.ERROR, lines));
        interpreter.bindOutput(nativeOut, nativeErr);
        run.attach(new ProcessExecution(interpreter));
        interpreter.send(job);
        try {
            Frame frame;
            while ((frame = interpreter.next()) != null) {
                handle(frame);
            }
        } catch (ChannelException | IllegalArgumentException | SandboxException e) {
            brokenChannel = e.getMessage();
            interpreter.kill();
        } catch (IOException e) {
            if (run.termination() == null) {
                throw e;
            }
        }
        int exit = interpreter.waitFor();
        interpreter.awaitOutput(2000);
        log.stdout().finish();
        log.stderr().finish();
        nativeOut.finish();
        nativeErr.finish();
        return outcome(exit);
    }

    private void handle(Frame frame) throws IOException {
        switch (frame.kind()) {
            case 'O' -> log.stdout().write(frame.payload());
            case 'E' -> log.stderr().write(frame.payload());
            case 'L' -> {
                Map<String, Object> record = object(frame);
                bridge.log(string(record, "level"), string(record, "message"));
            }
            case 'P' -> {
                Map<String, Object> progress = object(frame);
                Object message = progress.get("message");
                bridge.progress(number(progress, "fraction"), message == null ? null : String.valueOf(message));
            }
            case 'M' -> {
                Map<String, Object> metric = object(frame);
                Object step = metric.get("step");
                bridge.metric(string(metric, "name"), number(metric, "value"),
                        step instanceof Number n ? Long.valueOf(n.longValue()) : null);
            }
            case 'S' -> {
                Json.read(frame.text()); // only JSON is kept
                bridge.result(frame.text());
            }
            case 'Q' -> interpreter.send(Frame.of('A', bridge.solve(frame.text())));
            case 'X' -> {
                if (traceback == null) {
                    traceback = frame.text().stripTrailing();
                    log.emit(LogLevel.ERROR, traceback);
                }
            }
            default -> throw new ChannelException("a frame of kind '" + (char) frame.kind() + "' while the job ran");
        }
    }

    private Outcome outcome(int exit) {
        String result = bridge.resultJson();
        if (brokenChannel != null) {
            String error = "The model broke the sandbox's channel (file descriptor 3, which models must not touch): "
                    + brokenChannel;
            log.emit(LogLevel.ERROR, error);
            return Outcome.failed(error, result);
        }
        if (interpreter.oomKilled()) {
            return Outcome.failed("memory limit: the job's processes together passed their limit of "
                    + mebibytes(run.limits().memoryBytes()) + " and the kernel stopped them", result);
        }
        if (traceback != null) {
            String summary = Tracebacks.summaryLine(traceback);
            if (summary.startsWith("MemoryError")) {
                return Outcome.failed("memory limit: the job's processes reached their limit of "
                        + mebibytes(run.limits().memoryBytes()) + " (" + summary + ")", result);
            }
            explainFileLimit(summary);
            return Outcome.failed(summary, result);
        }
        if (exit == 0) {
            return Outcome.success(result);
        }
        if (exit > 128 && exit < 128 + 65) {
            return Outcome.failed(signalled(exit - 128), result);
        }
        if (exit == 70 || exit == 71) {
            return Outcome.failed("The sandboxed interpreter lost its connection to the host (status " + exit + ")", result);
        }
        return Outcome.failed("The model exited with status " + exit + " (sys.exit(" + exit + "))", result);
    }

    /** A full /job or /tmp, or a file past the size limit, says which limit it was and how big. */
    private void explainFileLimit(String summary) {
        String cap = mebibytes(run.limits().workingDirectoryBytes());
        if (summary.contains("[Errno 28]")) {
            log.emit(LogLevel.WARNING, "The job's files reached their limit: /job and /tmp hold at most " + cap
                    + " each (Limits.workingDirectoryBytes), /job/output at most "
                    + mebibytes(FileCaps.of(run.limits()).outputBytes()) + " (Limits.artifactBytes)");
        } else if (summary.contains("[Errno 27]")) {
            log.emit(LogLevel.WARNING, "A file of the job reached the size limit of " + cap
                    + " (Limits.workingDirectoryBytes)");
        }
    }

    private String signalled(int signal) {
        return switch (signal) {
            case 24 -> "CPU time limit: the interpreter passed its own CPU limit of the job's "
                    + run.limits().cpuTime().toSeconds() + " s (SIGXCPU)";
            case 9 -> "The model's interpreter was killed (SIGKILL); the job's memory or CPU limit may have been reached";
            case 11 -> "The model's interpreter crashed (SIGSEGV, a fault in native code)";
            case 6 -> "The model's interpreter aborted (SIGABRT, often native code failing to allocate memory)";
            // the seccomp filter kills a process that makes a system call of another ABI (32-bit int 0x80)
            case 31 -> "The model's interpreter was killed for a system call the sandbox forbids (SIGSYS)";
            default -> "The model's interpreter ended by signal " + signal;
        };
    }

    private static String mebibytes(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    private static Map<String, Object> object(Frame frame) {
        Object parsed = Json.read(frame.text());
        if (parsed instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new IllegalArgumentException("a frame of kind '" + (char) frame.kind() + "' did not hold a JSON object");
    }

    private static String string(Map<String, Object> object, String key) {
        if (object.get(key) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("'" + key + "' is not a string");
    }

    private static double number(Map<String, Object> object, String key) {
        if (object.get(key) instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("'" + key + "' is not a number");
    }
}
