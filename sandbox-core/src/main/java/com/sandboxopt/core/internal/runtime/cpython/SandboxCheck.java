package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.internal.files.PackageFolders;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether sandboxes start here, and how: what the CPython runtime finds out once, at start (asking the
 * interpreter, building the system-call filter, starting one sandbox), and what it then starts every sandbox with.
 *
 * @param setup       how sandboxes start; null when they cannot
 * @param facts       what the interpreter said of itself; null when it could not be asked
 * @param mountPoints the runtime's private folder of mount points and channels; null when sandboxes cannot start
 * @param filter      the system-call filter, on or why not; null when sandboxes cannot start
 * @param status      what the runtime reports
 */
record SandboxCheck(CPythonSetup setup, CPythonProbe.Facts facts, MountPoints mountPoints, SyscallFilter filter,
                    RuntimeStatus status) {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxCheck.class);

    /** Starts one sandbox with what was found, and ends it: it throws when the kernel or bubblewrap refuse. */
    interface Trial {
        void run(CPythonSetup setup, MountPoints mountPoints) throws IOException;
    }

    static SandboxCheck run(Path interpreter, Path bubblewrap, int userId, boolean cgroups, Path filterPython,
                            PackageFolders packages, Trial trial) {
        Availability available = Availability.check(interpreter, bubblewrap, userId, cgroups, packages);
        if (available.setup() == null) {
            LOG.info("CPython runtime not available: {}", available.reason());
            return new SandboxCheck(null, available.facts(), null, null, unavailable(available.facts(), available.reason()));
        }
        MountPoints mountPoints = MountPoints.create();
        SyscallFilter filter = SyscallFilter.build(filterPython, mountPoints.filterProgram());
        CPythonSetup setup = available.setup().withSyscallFilter(filter.program());
        CPythonProbe.Facts facts = available.facts();
        RuntimeStatus status;
        try {
            trial.run(setup, mountPoints);
            status = new RuntimeStatus(RuntimeKind.CPYTHON, true, "CPython " + facts.version() + " (" + setup.interpreter()
                    + "), limits by " + limitedBy(setup) + ", " + filter.describe(), null);
        } catch (IOException | RuntimeException e) {
            status = unavailable(facts, Availability.explainStartFailure(e.getMessage()));
        }
        if (status.available()) {
            if (!filter.on()) {
                LOG.warn("CPython jobs run without a system-call filter: {}", filter.missing());
            }
            LOG.info("CPython runtime in bubblewrap{}: {}", setup.dropToUser() ? " as user " + setup.userId() : "",
                    status.version());
        } else {
            LOG.info("CPython runtime not available: {}", status.reason());
        }
        return new SandboxCheck(setup, facts, mountPoints, filter, status);
    }

    private static RuntimeStatus unavailable(CPythonProbe.Facts facts, String reason) {
        String version = facts == null ? "CPython" : "CPython " + facts.version();
        return new RuntimeStatus(RuntimeKind.CPYTHON, false, version, reason);
    }

    /** How memory and processes of a job are limited: per job by cgroups, or per process by rlimits. */
    private static String limitedBy(CPythonSetup setup) {
        return setup.cgroups() == null ? "rlimits" : setup.cgroups().toString();
    }

    /** Removes what the runtime made on the host: its mount points and its cgroups. */
    void clean() {
        if (mountPoints != null) {
            mountPoints.close();
        }
        if (setup != null && setup.cgroups() != null) {
            setup.cgroups().remove();
        }
    }
}
