package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.validation.CheckedSource;
import com.sandboxopt.core.internal.validation.SyntaxErrors;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Parses Python source without running it, for models that run on GraalPy. One context, created at the
 * first check and owned by one thread for its whole life, serves every check; parsing also leaves the
 * model's parsed code in the shared engine's cache, so its first run starts sooner.
 */
final class GraalPySyntaxChecker implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-syntax-check");
        t.setDaemon(true);
        return t;
    });
    private final PythonRuntime runtime;
    private Context context; // touched only on the checker thread
    private Value defaultsReader; // likewise

    GraalPySyntaxChecker(PythonRuntime runtime) {
        this.runtime = runtime;
    }

    /** @throws ModelValidationException with line, column and the line's text when the source is not valid Python */
    CheckedSource check(String source, String fileName) {
        Future<CheckedSource> checked;
        try {
            checked = thread.submit(() -> {
                parse(source, fileName);
                return new CheckedSource(CheckedSource.mayHaveDefaults(source) ? readDefaults(source) : null);
            });
        } catch (RejectedExecutionException e) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        }
        try {
            return checked.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SandboxException sandboxException) {
                throw sandboxException;
            }
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not check the syntax of " + fileName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Interrupted while checking " + fileName, e);
        }
    }

    private Context context() {
        if (context == null) {
            context = runtime.newContext(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        }
        return context;
    }

    /** Defaults are a convenience: a model whose defaults cannot be read still uploads, without them. */
    private String readDefaults(String source) {
        try {
            if (defaultsReader == null) {
                // made here, not in a static field: a Source loads the polyglot implementation (see GraalPyRuntime)
                context().eval(PreludeSource.load("/com/sandboxopt/core/internal/runtime/config_defaults.py"));
                defaultsReader = context().getBindings(PythonRuntime.LANGUAGE).getMember("__sandbox_config_defaults");
            }
            Value json = defaultsReader.execute(source);
            return json.isNull() ? null : json.asString();
        } catch (PolyglotException e) {
            return null;
        }
    }

    private void parse(String source, String fileName) {
        try {
            context().parse(ModelSources.of(source, fileName));
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not parse " + fileName + ": " + e.getMessage(), e);
            }
            SourceSection where = e.getSourceLocation();
            int line = where == null ? 0 : where.getStartLine();
            int column = where == null ? 0 : where.getStartColumn();
            throw SyntaxErrors.of(fileName, line, column, e.getMessage(), source);
        }
    }

    @Override
    public void close() {
        thread.submit(() -> {
            if (context != null) {
                context.close();
            }
        });
        thread.shutdown();
    }
}
