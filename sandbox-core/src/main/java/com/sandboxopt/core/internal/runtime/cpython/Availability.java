package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.files.PackageFolders;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the CPython runtime can run here: the programs it needs, and what is wrong when not. */
record Availability(CPythonSetup setup, CPythonProbe.Facts facts, String reason) {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);

    static Availability check(Path interpreter, Path bubblewrap, int userId, boolean cgroups, PackageFolders packages) {
        Path bwrap = bubblewrap != null ? bubblewrap : onPath("bwrap");
        if (bwrap == null || !isExecutable(bwrap)) {
            return new Availability(null, null, "bubblewrap (bwrap) not found"
                    + (bubblewrap != null ? " at " + bubblewrap : "") + ": apt-get install bubblewrap");
        }
        if (!isExecutable(interpreter)) {
            return new Availability(null, null, "the interpreter " + interpreter + " was not found: apt-get install python3, "
                    + "or name another interpreter (pythonExecutable, sandbox.cpython.interpreter)");
        }
        CPythonProbe.Facts facts;
        try {
            facts = CPythonProbe.run(interpreter);
        } catch (IOException e) {
            return new Availability(null, null, e.getMessage());
        }
        boolean root = isRoot();
        if (root && onPath("setpriv") == null) {
            return new Availability(null, facts, "setpriv not found (util-linux): as root, jobs must drop to user " + userId);
        }
        for (String tool : List.of("unshare", "mount")) {
            if (root && onPath(tool) == null) {
                return new Availability(null, facts, tool + " not found (util-linux, mount): as root, each job's data folder"
                        + " is bound in a mount namespace of its own before the job drops to user " + userId);
            }
        }
        List<Path> outside = new ArrayList<>();
        for (Path prefix : facts.prefixes()) {
            if (!prefix.startsWith("/usr") && !outside.contains(prefix)) {
                outside.add(prefix);
            }
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        List<String> sysPath = new ArrayList<>();
        for (Map.Entry<String, Path> mount : packages.described().entrySet()) {
            if (root && !openToOthers(mount.getValue())) {
                LOG.warn("Package folder {} is not readable by others, so CPython jobs (user {}) do not see it", mount.getValue(),
                        userId);
                continue;
            }
            mounts.put(mount.getKey(), mount.getValue());
            String entry = mount.getKey().startsWith("/packages/") ? "/packages" : mount.getKey();
            if (!sysPath.contains(entry)) {
                sysPath.add(entry);
            }
        }
        CPythonSetup setup = new CPythonSetup(interpreter, bwrap, root, userId, outside, mounts, sysPath,
                cgroups ? CgroupTree.find().orElse(null) : null, offers(bwrap, "--disable-userns"), null);
        return new Availability(setup, facts, null);
    }

    /** Whether a user other than the owner can reach and read the folder (every folder above it searchable). */
    private static boolean openToOthers(Path folder) {
        try {
            for (Path at = folder; at != null; at = at.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(at);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                        || at.equals(folder) && !permissions.contains(PosixFilePermission.OTHERS_READ)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether bubblewrap's help names the option (older versions lack some, and refuse to start with them). */
    private static boolean offers(Path bwrap, String option) {
        try {
            Process help = new ProcessBuilder(bwrap.toString(), "--help").redirectErrorStream(true).start();
            String text = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            help.waitFor();
            return text.contains(option + " ");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Turns what bubblewrap said into what to do about it. */
    static String explainStartFailure(String message) {
        String said = String.valueOf(message);
        if (said.contains("Can't find source path")) {
            return said + ". The sandbox's user cannot reach that path: make it and the folders above it readable for "
                    + "others, or choose another interpreter";
        }
        if (said.contains("uid map") || said.contains("user namespace") || said.contains("Operation not permitted")
                || said.contains("Permission denied")) {
            return said + ". bubblewrap needs root or unprivileged user namespaces: check that sysctl "
                    + "user.max_user_namespaces is above 0, kernel.unprivileged_userns_clone is 1 where it exists, and on "
                    + "Ubuntu 23.10 and later that AppArmor allows bwrap (kernel.apparmor_restrict_unprivileged_userns=0 "
                    + "or a bwrap profile)";
        }
        return said;
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
