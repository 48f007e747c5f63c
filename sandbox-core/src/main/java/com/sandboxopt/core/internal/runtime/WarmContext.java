package com.sandboxopt.core.internal.runtime;

import java.io.OutputStream;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A context made ready before its job is known: created, the prelude evaluated and the common
 * modules imported. It serves exactly one job and is never reused. Created, used and closed by
 * one thread (closing from another thread can hang once {@code threading} was imported).
 */
final class WarmContext implements AutoCloseable {
    private static final Source PRELUDE = PreludeSource.load();

    private final Context context;
    private final SwitchableOutputStream out;
    private final SwitchableOutputStream err;
    private final Value setup;
    private final String importFailures;

    private WarmContext(Context context, SwitchableOutputStream out, SwitchableOutputStream err, Value setup,
                        String importFailures) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.setup = setup;
        this.importFailures = importFailures;
    }

    /** A new context with the prelude evaluated and the given modules imported. */
    static WarmContext create(PythonRuntime runtime, List<String> preImports) {
        SwitchableOutputStream out = new SwitchableOutputStream();
        SwitchableOutputStream err = new SwitchableOutputStream();
        Context context = runtime.newContext(out, err);
        try {
            context.eval(PRELUDE);
            Value globals = context.getBindings(PythonRuntime.LANGUAGE);
            Value setup = take(globals, "__sandbox_setup");
            String failures = take(globals, "__sandbox_preimport").execute(String.join(",", preImports)).asString();
            return new WarmContext(context, out, err, setup, failures);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** Removes a prelude function from the model's globals, returning it. */
    private static Value take(Value globals, String name) {
        Value function = globals.getMember(name);
        globals.removeMember(name);
        return function;
    }

    /** One "module: error" line per pre-import that failed; empty when all were imported. */
    String importFailures() {
        return importFailures;
    }

    Context context() {
        return context;
    }

    /** Sends what the guest prints from now on to the job's streams. */
    void bind(OutputStream jobOut, OutputStream jobErr) {
        out.target(jobOut);
        err.target(jobErr);
    }

    /** Builds the guest's {@code sandbox} module for this job; returns the traceback formatter. */
    Value setUp(GuestBridge bridge, String jobId, String modelType, String configJson, String dataSourceId,
                String fileName, String source) {
        context.getBindings(PythonRuntime.LANGUAGE).putMember("__file__", fileName);
        return setup.execute(bridge, jobId, modelType, configJson, dataSourceId, fileName, source);
    }

    @Override
    public void close() {
        context.close();
    }
}
