package com.sandboxopt.core.internal.assembly;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.event.JobListener;
import com.sandboxopt.core.internal.queue.Quotas;
import com.sandboxopt.core.internal.queue.shared.ClusterSettings;
import com.sandboxopt.core.solver.Solver;
import com.sandboxopt.core.storage.SandboxStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The settings of one Sandbox, as {@link SandboxParts} needs them once {@link SettingsCheck#checked} has checked
 * them and filled in their defaults (before that, the log folder and the node's name may be null).
 */
public record SandboxConfig(Path dataDirectory, Path logDirectory, boolean inMemoryDatabase, SandboxStorage storage,
                            long maxModelBytes, int poolSize, int maxQueueLength, double memoryLimitFraction,
                            List<String> preImports, boolean learnImports, int compilerThreads, List<Path> packages,
                            Solver solver, Limits defaultLimits, List<JobListener> listeners,
                            RuntimeKind defaultRuntime, Path pythonExecutable, Path bubblewrapExecutable,
                            int sandboxUserId, boolean cgroups, Path filterPython, long maxDataSourceBytes,
                            int maxDataSourceFiles, DatabaseSettings database, ClusterSettings cluster,
                            Set<RuntimeKind> runtimes, Quotas quotas) {
    public Path workDirectory() {
        return dataDirectory.resolve("work");
    }

    /** Data source files and artifacts, by hash. */
    public Path fileStoreDirectory() {
        return dataDirectory.resolve("files");
    }
}
