package com.sandboxopt.core.internal.runtime.cpython;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How sandboxed interpreters are started.
 *
 * @param interpreter        the CPython executable
 * @param bubblewrap         the bwrap executable
 * @param dropToUser         whether to become {@code userId} first (the host runs as root)
 * @param userId             the host user (and group) id jobs run as when {@code dropToUser}
 * @param interpreterFolders folders of the interpreter outside {@code /usr} (e.g. a virtualenv), bound read-only
 * @param packageMounts      package folders: guest path to host folder, bound read-only
 * @param sysPath            guest paths put first on {@code sys.path}
 * @param cgroups            where each job gets its cgroups, or null when jobs are limited by rlimits
 * @param disableUserns      whether bubblewrap offers {@code --disable-userns} (0.8.0 and later)
 * @param syscallFilter      the seccomp filter's BPF program (see {@link SyscallFilter}), or null for none
 */
record CPythonSetup(Path interpreter, Path bubblewrap, boolean dropToUser, int userId, List<Path> interpreterFolders,
                    Map<String, Path> packageMounts, List<String> sysPath, CgroupTree cgroups, boolean disableUserns,
                    Path syscallFilter) {
    /** This setup with the given filter (null: none). */
    CPythonSetup withSyscallFilter(Path program) {
        return new CPythonSetup(interpreter, bubblewrap, dropToUser, userId, interpreterFolders, packageMounts, sysPath,
                cgroups, disableUserns, program);
    }
}
