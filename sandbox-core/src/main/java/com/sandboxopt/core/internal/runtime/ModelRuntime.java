package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.internal.data.ArtifactKeeper;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.validation.CheckedSource;
import java.util.Collection;

/**
 * One way to run a model: GraalPy in the JVM or CPython in an OS sandbox. The job runner,
 * scheduler, watchdog and storage see only this; what runs and how it is stopped stays inside.
 */
public interface ModelRuntime extends AutoCloseable {
    RuntimeKind kind();

    /** Whether jobs can run here now, with what, or why not. */
    RuntimeStatus status();

    /**
     * Checks an uploaded source with this runtime's own parser, running none of it, and reads what it
     * declares ({@code CONFIG_DEFAULTS}).
     *
     * @throws com.sandboxopt.core.ModelValidationException SYNTAX_ERROR naming line and column when it does not compile
     */
    CheckedSource checkSource(String source, String fileName);

    /**
     * Makes ready, on a job thread while it waits, what the next job on this runtime needs (a context,
     * an interpreter with common modules imported). Null when that failed or is not worth it.
     */
    Prepared prepare();

    /** Imports into an idle prepared run what the import plan now wants; false when it must be closed. */
    boolean topUp(Prepared prepared);

    /** Notes the modules a model that runs here imports, so that prepared runs have them imported. */
    void learnImports(Collection<String> modules);

    /**
     * Runs the job to its end on the calling thread, with the run prepared for it (or a new one when
     * null), which it closes. It attaches an {@link Execution} to the job so that the host can stop
     * and measure it, and returns how the model ended (the host's own stop reasons are applied later).
     * The job's data sources appear under {@code data/} before the model starts; once it has ended,
     * whatever it left under {@code output/} goes to {@code artifacts}.
     */
    Outcome run(JobRun run, JobLog log, GuestBridge bridge, Prepared prepared, ArtifactKeeper artifacts);

    @Override
    void close();

    /** What {@link #prepare} made ready; used by one job at most, closed by whoever holds it last. */
    interface Prepared extends AutoCloseable {
        @Override
        void close();
    }
}
