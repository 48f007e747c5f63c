package com.sandboxopt.core.internal.runtime;

import java.io.OutputStream;
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

    private WarmContext(Context context, SwitchableOutputStream out, SwitchableOutputStream err, Value setup) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.setup = setup;
    }

    static WarmContext create(PythonRuntime runtime) {
        SwitchableOutputStream out = new SwitchableOutputStream();
        SwitchableOutputStream err = new SwitchableOutputStream();
        Context context = runtime.newContext(out, err);
        try {
            context.eval(PRELUDE);
            Value globals = context.getBindings(PythonRuntime.LANGUAGE);
            Value setup = globals.getMember("__sandbox_setup");
            globals.removeMember("__sandbox_setup");
            return new WarmContext(context, out, err, setup);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
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
