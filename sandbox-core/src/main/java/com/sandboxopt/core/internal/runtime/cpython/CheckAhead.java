package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.internal.files.WorkArea;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The check of whether the CPython sandbox starts here (a few hundred milliseconds, mostly waiting for the processes
 * it starts), begun on a thread of its own before the host opens its database, so that the two overlap.
 */
public final class CheckAhead {
    final CompletableFuture<SandboxCheck> found;

    private CheckAhead(CompletableFuture<SandboxCheck> found) {
        this.found = found;
    }

    /**
     * @param filterPython the Python that builds the seccomp filter: Debian's {@code /usr/bin/python3}, for which
     *                     python3-seccomp installs its module; tests name one without it
     * @param hostSolver   whether the sandbox solves on the host (the trial interpreter starts as a job's would)
     */
    public static CheckAhead start(Path interpreter, Path bubblewrap, int userId, boolean cgroups, Path filterPython,
                                   WorkArea work, Limits defaults, boolean hostSolver) {
        Bootstrap jobBootstrap = CPythonRuntime.jobBootstrap(hostSolver);
        return new CheckAhead(CompletableFuture.supplyAsync(() -> SandboxCheck.run(interpreter, bubblewrap, userId,
                cgroups, filterPython, work.packages(), (setup, mountPoints) -> SandboxedInterpreter.start(setup,
                        mountPoints, work.newPrivateFolder(), FileCaps.of(defaults), jobBootstrap, List.of(),
                        new LinkedHashMap<>()).close()), task -> {
                    Thread thread = new Thread(task, "sandbox-cpython-check");
                    thread.setDaemon(true);
                    thread.start();
                }));
    }
}
