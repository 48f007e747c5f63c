package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.runtime.graalpy.ModelSources;
import com.sandboxopt.core.internal.runtime.graalpy.PythonRuntime;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Parses Python source without running it. One context, owned by one thread for its whole life,
 * serves every check; parsing also leaves the model's parsed code in the shared engine's cache,
 * so its first run starts sooner.
 */
public final class SyntaxChecker implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-syntax-check");
        t.setDaemon(true);
        return t;
    });
    private final PythonRuntime runtime;
    private Context context; // touched only on the checker thread
    private Value defaultsReader; // likewise

    static final String CONFIG_DEFAULTS = "CONFIG_DEFAULTS";
    private static final String DEFAULTS_READER = """
            import ast, json
            def read_config_defaults(source):
                found = None
                for node in ast.parse(source).body:
                    targets = node.targets if isinstance(node, ast.Assign) else (
                        [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
                    if any(isinstance(t, ast.Name) and t.id == 'CONFIG_DEFAULTS' for t in targets):
                        found = node.value
                if found is None:
                    return None
                try:
                    value = ast.literal_eval(found)
                    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
                        return json.dumps(value, allow_nan=False)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    pass
                return None
            read_config_defaults
            """;

    public SyntaxChecker(PythonRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Throws a {@link ModelValidationException} with line, column and the line's text when the source is not
     * valid Python.
     */
    public void check(String source, String fileName) {
        Future<?> parsed;
        try {
            parsed = thread.submit(() -> parse(source, fileName));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        }
        try {
            parsed.get();
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

    /**
     * The model's {@code CONFIG_DEFAULTS} as JSON: the last top-level assignment of that name when it is a literal
     * dict with string keys that JSON can hold, read with {@code ast.literal_eval} (nothing of the model runs);
     * null otherwise.
     */
    public String configDefaultsJson(String source) {
        if (!source.contains(CONFIG_DEFAULTS)) {
            return null; // most models: no second parse
        }
        try {
            return thread.submit(() -> readDefaults(source)).get();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SandboxException(ErrorCode.CLOSED, "The sandbox is closed");
        } catch (ExecutionException e) {
            return null; // defaults are a convenience: a model whose defaults cannot be read still uploads
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String readDefaults(String source) {
        if (context == null) {
            context = runtime.newContext(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        }
        if (defaultsReader == null) {
            defaultsReader = context.eval("python", DEFAULTS_READER);
        }
        Value json = defaultsReader.execute(source);
        return json.isNull() ? null : json.asString();
    }

    private void parse(String source, String fileName) {
        if (context == null) {
            context = runtime.newContext(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        }
        try {
            context.parse(ModelSources.of(source, fileName));
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw new SandboxException(ErrorCode.RUNTIME_FAILURE, "Could not parse " + fileName + ": " + e.getMessage(), e);
            }
            SourceSection where = e.getSourceLocation();
            int line = where == null ? 0 : where.getStartLine();
            int column = where == null ? 0 : where.getStartColumn();
            throw new ModelValidationException(ErrorCode.SYNTAX_ERROR,
                    "Python syntax error in " + fileName + " at line " + line + ", column " + column + ": " + e.getMessage(),
                    line, column, SourceText.line(source, line));
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
