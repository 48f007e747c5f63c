package com.sandboxopt.core.internal.runtime.cpython;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts a sandboxed interpreter: a shell that opens the channel (a FIFO only
 * the host can reach) as fd 3 and becomes, when the host is root, an unprivileged user (so that per-user
 * limits such as {@code RLIMIT_NPROC} hold and no job is root anywhere), then bubblewrap with every
 * namespace new, no network, the interpreter's files read-only, an empty environment, a private
 * {@code /proc}, size-capped {@code /job}, {@code /job/output} and {@code /tmp}, and the host's data
 * folder of this sandbox read-only at {@code /job/data}. As root, that folder is first bound, in a
 * mount namespace of this sandbox only, on a mount point the unprivileged user can reach. The
 * system-call filter (see {@link SyscallFilter}) is opened by that first shell too, as fd 4, so the
 * unprivileged user needs no access to its file; bubblewrap reads and closes it, and loads it just
 * before the interpreter starts.
 */
final class SandboxCommand {
    /** The fd bubblewrap reads the seccomp filter from. */
    static final int FILTER_FD = 4;
    /** Reads the bootstrap from stdin (8 digits of length, then the code) with unbuffered reads, leaving the rest there. */
    static final String LOADER = "import os\n"
            + "def r(n):\n"
            + "    b = b''\n"
            + "    while len(b) < n:\n"
            + "        c = os.read(0, n - len(b))\n"
            + "        if not c: raise SystemExit(70)\n"
            + "        b += c\n"
            + "    return b\n"
            + "exec(compile(r(int(r(8))), '<sandbox>', 'exec'))\n";

    private SandboxCommand() {
    }

    /**
     * @param cgroupProcs the cgroup.procs files the shell joins before anything of the sandbox starts
     * @param dataFolder  the host folder seen as {@code /job/data}
     * @param mountPoint  where {@code dataFolder} is bound first when dropping to the sandbox user, else null
     */
    static List<String> build(CPythonSetup setup, Path channel, FileCaps caps, Path dataFolder, Path mountPoint,
                              List<Path> cgroupProcs) {
        StringBuilder script = new StringBuilder("exec 3>\"$0\"");
        if (setup.syscallFilter() != null) {
            script.append(" ").append(FILTER_FD).append("<").append(quoted(setup.syscallFilter()));
        }
        for (Path procs : cgroupProcs) {
            script.append(" && echo $$ > ").append(quoted(procs));
        }
        script.append(" && exec \"$@\"");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), channel.toString()));
        Path dataSource = dataFolder;
        if (setup.dropToUser()) {
            command.addAll(List.of("unshare", "--mount", "--propagation", "private",
                    "/bin/sh", "-c", "mount --bind \"$0\" \"$1\" && shift && exec \"$@\"",
                    dataFolder.toString(), mountPoint.toString()));
            dataSource = mountPoint;
            command.addAll(List.of("setpriv", "--reuid=" + setup.userId(), "--regid=" + setup.userId(), "--clear-groups",
                    "--no-new-privs"));
        }
        command.add(setup.bubblewrap().toString());
        command.addAll(List.of("--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL",
                "--hostname", "sandbox"));
        if (setup.disableUserns()) { // no nested user namespace, even by a call the filter lets through
            command.add("--disable-userns");
        }
        if (setup.syscallFilter() != null) {
            command.addAll(List.of("--seccomp", Integer.toString(FILTER_FD)));
        }
        command.addAll(List.of("--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                // Debian's BLAS and LAPACK are chosen through /etc/alternatives; ld.so.cache finds libraries fast
                "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        for (Path prefix : setup.interpreterFolders()) {
            command.addAll(List.of("--ro-bind", prefix.toString(), prefix.toString()));
        }
        String size = Long.toString(caps.workingDirectoryBytes());
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", size, "--tmpfs", "/tmp",
                "--size", size, "--tmpfs", "/job",
                "--size", Long.toString(caps.outputBytes()), "--tmpfs", "/job/output",
                "--ro-bind", dataSource.toString(), "/job/data"));
        for (Map.Entry<String, Path> mount : setup.packageMounts().entrySet()) {
            command.addAll(List.of("--ro-bind", mount.getValue().toString(), mount.getKey()));
        }
        // bubblewrap's root is a tmpfs of its own: read-only, so that only /job and /tmp (capped) take writes
        command.addAll(List.of("--remount-ro", "/", "--chdir", "/job",
                "--setenv", "HOME", "/job", "--setenv", "TMPDIR", "/tmp", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "LANG", "C.UTF-8", "--setenv", "USER", "sandbox", "--setenv", "LOGNAME", "sandbox",
                "--", setup.interpreter().toString(), "-I", "-c", LOADER));
        return command;
    }

    private static String quoted(Path path) {
        if (path.toString().contains("'")) {
            throw new IllegalArgumentException("path with a quote: " + path);
        }
        return "'" + path + "'";
    }
}
