package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.Json;
import com.sandboxopt.core.internal.validation.CheckedSource;
import com.sandboxopt.core.internal.validation.SyntaxErrors;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks uploads with CPython's own compiler, inside a sandbox like a job's: a source is compiled, never run,
 * but a hostile one may still make the compiler work hard or crash. One interpreter, started at the first
 * check and kept, serves every check in turn (an upload then waits milliseconds, not the start of a
 * sandbox); one that ends, breaks or takes longer than {@link #TIMEOUT_SECONDS} is killed and the next
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
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-source-check-timer");
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

    private SandboxedInterpreter running(String fileName) {
        if (interpreter != null && interpreter.isAlive()) {
            return interpreter;
        }
        discard();
        try {
            interpreter = starter.start();
            return interpreter;
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not check " + fileName
                    + ": the checking interpreter did not start: " + e.getMessage(), e);
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
