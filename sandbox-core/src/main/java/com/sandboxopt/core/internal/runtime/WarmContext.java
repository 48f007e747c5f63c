package com.sandboxopt.core.internal.runtime;

import java.io.OutputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Value preimport;
    private final Set<String> imported = new HashSet<>();

    private WarmContext(Context context, SwitchableOutputStream out, SwitchableOutputStream err, Value setup,
                        Value preimport) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.setup = setup;
        this.preimport = preimport;
    }

    /** A new context with the prelude evaluated; {@link #importMissing} imports modules into it. */
    static WarmContext create(PythonRuntime runtime) {
        SwitchableOutputStream out = new SwitchableOutputStream();
        SwitchableOutputStream err = new SwitchableOutputStream();
        Context context = runtime.newContext(out, err);
        try {
            context.eval(PRELUDE);
            Value globals = context.getBindings(PythonRuntime.LANGUAGE);
            return new WarmContext(context, out, err, take(globals, "__sandbox_setup"), take(globals, "__sandbox_preimport"));
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

    /**
     * Imports those of the modules this context has not been asked to import yet (on the owning
     * thread, before its job). Returns the modules that failed, each with its error.
     */
    Map<String, String> importMissing(List<String> modules) {
        List<String> missing = modules.stream().filter(imported::add).toList();
        Map<String, String> failed = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            String failures = preimport.execute(String.join(",", missing)).asString();
            for (String line : failures.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    failed.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return failed;
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
