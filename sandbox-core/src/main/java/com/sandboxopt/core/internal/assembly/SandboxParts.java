package com.sandboxopt.core.internal.assembly;

import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.data.ArtifactShelf;
import com.sandboxopt.core.internal.data.OutputPublisher;
import com.sandboxopt.core.internal.data.DataCatalog;
import com.sandboxopt.core.internal.data.DatabaseFiles;
import com.sandboxopt.core.internal.data.FileStore;
import com.sandboxopt.core.internal.events.Listeners;
import com.sandboxopt.core.internal.files.PackageFolders;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.logs.LogBatchWriter;
import com.sandboxopt.core.internal.runtime.JobRunner;
import com.sandboxopt.core.internal.queue.JobQueue;
import com.sandboxopt.core.internal.queue.JobScheduler;
import com.sandboxopt.core.internal.queue.QueueServices;
import com.sandboxopt.core.internal.queue.LocalQueue;
import com.sandboxopt.core.internal.queue.shared.SharedQueue;
import com.sandboxopt.core.internal.runtime.MemoryGuard;
import com.sandboxopt.core.internal.runtime.RuntimeChooser;
import com.sandboxopt.core.internal.runtime.Runtimes;
import com.sandboxopt.core.internal.runtime.cpython.CPythonRuntime;
import com.sandboxopt.core.internal.runtime.cpython.CheckAhead;
import com.sandboxopt.core.internal.runtime.graalpy.GraalPyRuntime;
import com.sandboxopt.core.internal.runtime.graalpy.PythonRuntime;
import com.sandboxopt.core.internal.runtime.Watchdog;
import com.sandboxopt.core.internal.storage.JdbcStorage;
import com.sandboxopt.core.internal.storage.OpenedStorage;
import com.sandboxopt.core.internal.storage.ScheduleTables;
import com.sandboxopt.core.internal.storage.TeamTables;
import com.sandboxopt.core.internal.storage.SharedTables;
import com.sandboxopt.core.internal.validation.ModelValidator;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.storage.SandboxStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running pieces of one Sandbox, started in dependency order and closed in reverse. */
public record SandboxParts(SandboxStorage storage, PythonRuntime runtime,
                           LogBatchWriter writer, Listeners listeners, Watchdog watchdog, JobRunner runner,
                           JobScheduler scheduler, ModelCatalog models, WorkArea work, Solver solver, Runtimes runtimes,
                           RuntimeChooser chooser, DataCatalog data, ArtifactShelf artifacts,
                           JobQueue queue, Optional<ScheduleTables> scheduleTables,
                           Optional<TeamTables> teamTables) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxParts.class);

    public static SandboxParts start(SandboxConfig config) {
        createDirectory(config.logDirectory(), "logDirectory");
        WorkArea work = new WorkArea(config.workDirectory(), PackageFolders.of(config.packages()),
                config.defaultLimits().workingDirectoryBytes());
        CheckAhead cpythonCheck = config.runtimes().contains(RuntimeKind.CPYTHON) // overlaps opening the database
                ? CheckAhead.start(config.pythonExecutable(), config.bubblewrapExecutable(), config.sandboxUserId(),
                        config.cgroups(), config.filterPython(), work, config.defaultLimits(), config.solver() != null)
                : null;
        OpenedStorage opened = openStorage(config);
        SandboxStorage storage = opened.storage();
        Listeners listeners = new Listeners(config.listeners());
        JobQueue queue = openQueue(opened, config, listeners);
        FileStore files = new FileStore(config.fileStoreDirectory(),
                opened.shared().map(SharedTables::files).map(DatabaseFiles::new).orElse(null));
        DataCatalog data = new DataCatalog(files, storage, config.maxDataSourceBytes(), config.maxDataSourceFiles());
        ArtifactShelf artifacts = new ArtifactShelf(files, storage);
        PythonRuntime runtime = new PythonRuntime(config.compilerThreads());
        LogBatchWriter writer = new LogBatchWriter(storage);
        Watchdog watchdog = new Watchdog(new MemoryGuard(config.memoryLimitFraction()));
        List<ModelRuntime> chosen = new ArrayList<>();
        if (config.runtimes().contains(RuntimeKind.GRAALPY)) {
            chosen.add(new GraalPyRuntime(runtime, work, files, config.preImports(), config.learnImports()));
        }
        CPythonRuntime cpython = null;
        if (cpythonCheck != null) {
            cpython = new CPythonRuntime(cpythonCheck, work, config.defaultLimits(), config.preImports(),
                    config.learnImports(), Math.min(2 * config.poolSize(), 4), files, config.solver() != null);
            chosen.add(cpython);
        }
        Runtimes runtimes = new Runtimes(chosen);
        RuntimeChooser chooser = new RuntimeChooser(runtimes, work.packages().moduleNames(),
                cpython == null ? RuntimeChooser.NO_CPYTHON : cpython::modules);
        JobRunner runner = new JobRunner(runtimes, config.solver(), storage, writer,
                queue.events(), watchdog,
                config.logDirectory(), artifacts, new OutputPublisher(data, artifacts));
        // on a shared queue the claim counts each user's running jobs on every node; here only this node's
        JobScheduler scheduler = new JobScheduler(runner, storage, config.poolSize(), config.maxQueueLength(),
                opened.shared().isPresent() ? 0 : config.quotas().runningPerUser());
        ModelCatalog models = new ModelCatalog(storage, new ModelValidator(config.maxModelBytes()), runtimes);
        queue.start(new QueueServices(scheduler, models, data, config.defaultLimits(), runtimes, config.quotas()));
        return new SandboxParts(storage, runtime, writer, listeners, watchdog, runner, scheduler, models, work,
                config.solver(), runtimes, chooser, data, artifacts, queue, opened.schedules(), opened.team());
    }

    /** Shared by every node when the database keeps the shared tables (PostgreSQL), else this process's own. */
    private static JobQueue openQueue(OpenedStorage opened, SandboxConfig config, Listeners application) {
        return opened.shared()
                .<JobQueue>map(tables -> new SharedQueue(config.cluster(), tables, opened.storage(), application,
                        config.maxQueueLength()))
                .orElseGet(() -> new LocalQueue(opened.storage(), application));
    }

    private static OpenedStorage openStorage(SandboxConfig config) {
        if (config.storage() != null) {
            return OpenedStorage.custom(config.storage());
        }
        return OpenedStorage.of(config.database() != null ? config.database().open(config.poolSize())
                : config.inMemoryDatabase() ? JdbcStorage.h2InMemory("sandbox-" + UUID.randomUUID())
                : JdbcStorage.h2File(createDirectory(config.dataDirectory().resolve("db"), "dataDirectory")));
    }

    @Override
    public void close() {
        queue.stopTaking(); // so that every job this node took is in the scheduler it closes next
        scheduler.close();
        runtimes.close();
        watchdog.close();
        writer.close();
        queue.close(); // after the writer: the last lines are stored and told to the other nodes
        runtime.close();
        if (solver != null) {
            try {
                solver.close();
            } catch (Exception e) {
                LOG.warn("The solver did not close cleanly", e);
            }
        }
        storage.close();
    }

    private static Path createDirectory(Path directory, String setting) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SandboxException(ErrorCode.STORAGE_FAILURE,
                    "Cannot create " + setting + " " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
