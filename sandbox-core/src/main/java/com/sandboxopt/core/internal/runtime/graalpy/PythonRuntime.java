package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.RuntimeInfo;
import java.io.InputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shared GraalPy {@link Engine} and the factory of sandboxed contexts on it. Sharing the
 * engine shares parsed and compiled code between jobs; each job still gets its own context. The
 * engine is built when the first context is asked for, not before: it costs the better part of a
 * second, and a sandbox whose models all run on CPython never needs it.
 */
public final class PythonRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PythonRuntime.class);
    static final String LANGUAGE = "python";
    private static final String COMPILER_THREADS = "engine.CompilerThreads";

    private final int compilerThreads;
    private final RuntimeInfo expected;
    private volatile Engine engine; // built once, under this
    private volatile RuntimeInfo info;
    private boolean closed; // guarded by this

    /** {@code compilerThreads}: threads of the JIT compiler, 0 for Truffle's choice; ignored without the JIT. */
    public PythonRuntime(int compilerThreads) {
        this.compilerThreads = compilerThreads;
        this.expected = GraalPyFacts.expected();
    }

    private Engine engine() {
        Engine built = engine;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The GraalPy engine is closed");
            }
            if (engine == null) {
                Engine fresh = buildEngine(compilerThreads);
                String implementation = fresh.getImplementationName();
                boolean optimizing = !implementation.toLowerCase().contains("interpreted");
                info = new RuntimeInfo(implementation, optimizing, fresh.getLanguages().get(LANGUAGE).getVersion());
                logMode(info);
                engine = fresh;
            }
            return engine;
        }
    }

    private static void logMode(RuntimeInfo info) {
        if (info.optimizing()) {
            LOG.info("GraalPy {} runs with the optimizing runtime ({})", info.pythonVersion(), info.implementation());
        } else {
            LOG.warn("GraalPy {} runs in interpreter-only mode: models compute 10-100x slower than with the Graal JIT. "
                    + "To enable it, run on JDK 25 with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the Graal "
                    + "compiler jars on --upgrade-module-path (see docs/RUNTIMES.md, 'Fast Python: the JIT').", info.pythonVersion());
        }
    }

    /** Whether the engine was built (a job or a check needed GraalPy). */
    public boolean started() {
        return engine != null;
    }

    private static Engine buildEngine(int compilerThreads) {
        if (compilerThreads > 0) {
            try {
                return engineBuilder().option(COMPILER_THREADS, Integer.toString(compilerThreads)).build();
            } catch (IllegalArgumentException e) {
                // the interpreter-only runtime has no compiler, so it does not know the option
                LOG.debug("{} not accepted ({}); building the engine without it", COMPILER_THREADS, e.getMessage());
            }
        }
        return engineBuilder().build();
    }

    private static Engine.Builder engineBuilder() {
        return Engine.newBuilder(LANGUAGE)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(new Slf4jLineStream(LOG))
                .option("engine.WarnInterpreterOnly", "false");
    }

    /** What the engine reports once built; before that, what this JVM will build (without building it). */
    public RuntimeInfo info() {
        RuntimeInfo known = info;
        return known != null ? known : expected;
    }

    /** A new context with every permission denied, no files at all; out and err receive what the guest prints. */
    public Context newContext(OutputStream out, OutputStream err) {
        return newContext(out, err, IOAccess.NONE);
    }

    /** A new context with every permission denied but the given file system (a job's own files). */
    Context newContext(OutputStream out, OutputStream err, FileSystem files) {
        return newContext(out, err, IOAccess.newBuilder().fileSystem(files).build());
    }

    private Context newContext(OutputStream out, OutputStream err, IOAccess io) {
        return Context.newBuilder(LANGUAGE)
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(out)
                .err(err)
                .in(InputStream.nullInputStream())
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(className -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(io)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close(true);
        }
    }
}
