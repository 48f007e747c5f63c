package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.internal.runtime.graalpy.files.JobFiles;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.internal.runtime.GuestBridge;
import com.sandboxopt.core.internal.runtime.GuestHelpers;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A context made ready before its job is known: created with its own files, the prelude evaluated
 * and the modules of the import plan imported. It serves exactly one job and is never reused; its
 * files are deleted with it. Created, used and closed by one thread (closing from another thread
 * can hang once {@code threading} was imported).
 */
final class WarmContext implements ModelRuntime.Prepared {
    private static final Source IMPORTS = PreludeSource.load("sandbox_imports.py");
    private static final Source PULP = PreludeSource.load("/com/sandboxopt/core/internal/runtime/sandbox_pulp.py");
    private static final Source API = PreludeSource.load("/com/sandboxopt/core/internal/runtime/sandbox_api.py");
    private static final Source PRELUDE = PreludeSource.load("sandbox_prelude.py");

    private final Context context;
    private final JobFiles files;
    private boolean contextClosed;
    private final Value hooks;
    private final Value flushFiles;
    private final SwitchableOutputStream out;
    private final SwitchableOutputStream err;
    private final Value setup;
    private final Value preimport;
    private final Set<String> imported = new HashSet<>();

    private WarmContext(Context context, JobFiles files, Value hooks, Value flushFiles, SwitchableOutputStream out,
                        SwitchableOutputStream err, Value setup, Value preimport) {
        this.context = context;
        this.files = files;
        this.hooks = hooks;
        this.flushFiles = flushFiles;
        this.out = out;
        this.err = err;
        this.setup = setup;
        this.preimport = preimport;
    }

    /** A new context with the prelude evaluated; {@link #importMissing} imports modules into it. */
    static WarmContext create(PythonRuntime runtime, WorkArea work) {
        SwitchableOutputStream out = new SwitchableOutputStream();
        SwitchableOutputStream err = new SwitchableOutputStream();
        JobFiles files = JobFiles.create(work);
        Context context;
        try {
            context = runtime.newContext(out, err, files.fileSystem());
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            context.eval(IMPORTS);
            context.eval(PULP);
            context.eval(API);
            context.eval(PRELUDE);
            Value globals = context.getBindings(PythonRuntime.LANGUAGE);
            Value init = take(globals, "__sandbox_init");
            Value pulpCore = take(globals, "__sandbox_pulp_core");
            Value pulpApis = take(globals, "__sandbox_pulp_apis");
            Value pulpResource = take(globals, "__sandbox_pulp_resource");
            Value hooks = init.execute(String.join("\n", work.packages().sysPath()), pulpCore, pulpApis, pulpResource);
            Value setup = take(globals, "__sandbox_setup");
            take(globals, "__sandbox_module"); // bound into __sandbox_setup
            take(globals, "__sandbox_route_logging");
            // before the job is known: it imports weakref, which costs a fresh context over 100 ms
            Value flushFiles = take(globals, "__sandbox_track_written_files").execute();
            return new WarmContext(context, files, hooks, flushFiles, out, err, setup, take(globals, "__sandbox_preimport"));
        } catch (RuntimeException e) {
            context.close(true);
            files.close();
            throw e;
        }
    }

    /** Removes a prelude function from the model's globals, returning it. */
    private static Value take(Value globals, String name) {
        Value function = globals.getMember(name);
        globals.removeMember(name);
        return function;
    }

    /** What {@link #importMissing} did: the modules that failed, with their errors, and the one that broke the context. */
    record Imports(Map<String, String> failed, String brokenBy) {
        boolean broken() {
            return brokenBy != null;
        }
    }

    /**
     * Imports, one at a time and on the owning thread before its job, those of the modules this
     * context has not been asked to import yet. A Python error just fails that module; an
     * internal error (GraalPy refusing an operation under the sandbox, e.g. {@code import pydoc})
     * stops there and marks the context broken: it must be closed, not used.
     */
    Imports importMissing(List<String> modules) {
        Map<String, String> failed = new LinkedHashMap<>();
        for (String module : modules) {
            if (!imported.add(module)) {
                continue;
            }
            try {
                String error = preimport.execute(module).asString();
                if (!error.isEmpty()) {
                    failed.put(module, error);
                }
            } catch (PolyglotException e) {
                failed.put(module, String.valueOf(e.getMessage()).lines().findFirst().orElse("internal error"));
                return new Imports(failed, module);
            }
        }
        return new Imports(failed, null);
    }

    Context context() {
        return context;
    }

    JobFiles files() {
        return files;
    }

    /** Sends what the guest prints from now on to the job's streams. */
    void bind(OutputStream jobOut, OutputStream jobErr) {
        out.target(jobOut);
        err.target(jobErr);
    }

    /** Builds the guest's {@code sandbox} module for this job; returns the traceback formatter. */
    Value setUp(GuestBridge bridge, String jobId, String modelType, String configJson, String dataJson,
                String fileName, String source) {
        context.getBindings(PythonRuntime.LANGUAGE).putMember("__file__", fileName);
        return setup.execute(new ExportedBridge(bridge), hooks, flushFiles, jobId, modelType, configJson, dataJson,
                fileName, source, GuestHelpers.SOURCE);
    }

    /** Closes the context (Python flushes the files it left open) but keeps its files for now. */
    void closeContext() {
        if (contextClosed) {
            return;
        }
        contextClosed = true;
        try {
            context.close();
        } catch (PolyglotException | IllegalStateException e) {
            context.close(true); // a context an internal error left unusable
        }
    }

    @Override
    public void close() {
        try {
            closeContext();
        } finally {
            files.close();
        }
    }
}
