package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.validation.CheckedSource;
import com.sandboxopt.core.internal.validation.SyntaxErrors;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks uploads with CPython's own compiler, inside a sandbox like a job's: a source is compiled, never run,
 * but a hostile one may still make the compiler work hard or crash. One interpreter, started once the runtime
 * knows its sandbox works (a waiting interpreter costs a few megabytes) and kept, serves every check in turn
 * (an upload then waits milliseconds, not the start of a sandbox); one that ends, breaks or takes longer than {@link #TIMEOUT_SECONDS} is killed and the next
 * check starts another.
 */
final class SourceChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceChecker.class);
    static final long TIMEOUT_SECONDS = 30;

    /** Starts an interpreter running the check bootstrap. */
    interface Starter {
        SandboxedInterpreter start() throws IOException;
    }

    private final Starter starter;
    /**
     * Stops a check that takes too long, and starts the checking interpreters: bubblewrap's --die-with-parent
     * ends a sandbox when the thread that started it ends, so they are started by this thread, which lives as
     * long as the checker, never by the caller's (a request's thread may end while the interpreter waits).
     */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-source-check");
        t.setDaemon(true);
        return t;
    });
    private SandboxedInterpreter interpreter; // guarded by this
    private boolean closed; // guarded by this

    SourceChecker(Starter starter) {
        this.starter = starter;
    }

    synchronized CheckedSource check(String source, String fileName) {
        Map<String, Object> answer = ask(fileName + "\n" + source, fileName);
        if (answer.get("error") instanceof String message) {
            throw SyntaxErrors.of(fileName, number(answer.get("line")), number(answer.get("column")), message, source);
        }
        if (answer.get("failure") instanceof String failure) {
            throw new SandboxException(ErrorCode.SYNTAX_ERROR, "Python cannot compile " + fileName + ": " + failure
                    + ". Simplify the deepest nesting of the file");
        }
        return new CheckedSource(answer.get("defaults") instanceof String json ? json : null);
    }

    private Map<String, Object> ask(String request, String fileName) {
        if (closed) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        }
        SandboxedInterpreter checker = running(fileName);
        ScheduledFuture<?> stop = timer.schedule(checker::kill, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Frame reply = null;
        try {
            checker.send(Frame.of('K', request));
            reply = checker.next();
            if (reply != null && reply.kind() == 'S') {
                return Json.readObject(reply.text());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("The interpreter checking {} failed", fileName, e);
        } finally {
            stop.cancel(false);
        }
        discard();
        throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not check " + fileName + ": the checking interpreter "
                + (reply == null ? "ended (it may have passed its " + TIMEOUT_SECONDS + " s or its memory)" : "answered badly")
                + "; nothing was stored");
    }

    /** Starts the checking interpreter now if none runs, so that the first upload does not wait for its start. */
    synchronized void prepare() {
        if (!closed && (interpreter == null || !interpreter.isAlive())) {
            try {
                running("the first upload");
            } catch (SandboxException e) {
                LOG.warn("Could not start the interpreter that checks uploads ahead; the first upload tries again: {}",
                        e.getMessage());
            }
        }
    }

    private SandboxedInterpreter running(String fileName) {
        if (interpreter != null && interpreter.isAlive()) {
            return interpreter;
        }
        discard();
        try {
            interpreter = timer.submit(starter::start).get();
            return interpreter;
        } catch (ExecutionException e) {
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not check " + fileName
                    + ": the checking interpreter did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Interrupted while starting the checker of " + fileName, e);
        }
    }

    private void discard() {
        if (interpreter != null) {
            interpreter.close();
            interpreter = null;
        }
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        discard();
        timer.shutdownNow();
    }
}
