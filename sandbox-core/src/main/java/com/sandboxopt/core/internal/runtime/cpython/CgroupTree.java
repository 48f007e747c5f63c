package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where CPython jobs get cgroups of their own, so that memory and processes are limited per job (all
 * its processes together) by the kernel: under the server's own cgroup, in the memory and pids
 * hierarchies of cgroup v1 or in the unified cgroup v2 hierarchy. Found only where the server may
 * create cgroups there; elsewhere jobs are limited by rlimits.
 */
final class CgroupTree {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupTree.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final AtomicLong NAMES = new AtomicLong();

    private final int version;
    private final Path memoryParent;
    private final Path pidsParent;

    private CgroupTree(int version, Path memoryParent, Path pidsParent) {
        this.version = version;
        this.memoryParent = memoryParent;
        this.pidsParent = pidsParent;
    }

    /** The cgroups of this process's jobs, or empty when they cannot be made here. */
    static Optional<CgroupTree> find() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
            Optional<CgroupTree> tree = Files.isRegularFile(ROOT.resolve("cgroup.controllers")) ? unified(lines) : legacy(lines);
            return tree.filter(CgroupTree::works);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No cgroups for CPython jobs", e);
            return Optional.empty();
        }
    }

    /** cgroup v2: a subtree of the server's cgroup where memory and pids can be enabled. */
    private static Optional<CgroupTree> unified(List<String> lines) throws IOException {
        String own = lines.stream().filter(l -> l.startsWith("0::")).findFirst().map(l -> l.substring(3)).orElse(null);
        if (own == null) {
            return Optional.empty();
        }
        removeLeftovers(ROOT.resolve(own.substring(1)));
        Path parent = ROOT.resolve(own.substring(1)).resolve("sandbox-jobs-" + ProcessHandle.current().pid());
        Files.createDirectories(parent);
        try {
            // A cgroup with processes cannot hand controllers down (cgroup v2's no-internal-process rule):
            // this works where the operator delegated a subtree whose controllers are free.
            Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory +pids");
        } catch (IOException e) {
            Files.deleteIfExists(parent);
            return Optional.empty();
        }
        return Optional.of(new CgroupTree(2, parent, parent));
    }

    /** cgroup v1: the memory and pids hierarchies, each under the server's cgroup in it. */
    private static Optional<CgroupTree> legacy(List<String> lines) throws IOException {
        Path memory = null;
        Path pids = null;
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
                memory = ROOT.resolve("memory").resolve(parts[2].substring(1));
            } else if (parts.length == 3 && List.of(parts[1].split(",")).contains("pids")) {
                pids = ROOT.resolve("pids").resolve(parts[2].substring(1));
            }
        }
        if (memory == null || pids == null || !Files.isWritable(memory) || !Files.isWritable(pids)) {
            return Optional.empty();
        }
        removeLeftovers(memory);
        removeLeftovers(pids);
        String name = "sandbox-jobs-" + ProcessHandle.current().pid();
        return Optional.of(new CgroupTree(1, Files.createDirectories(memory.resolve(name)),
                Files.createDirectories(pids.resolve(name))));
    }

    /** Removes what a process that died without closing left under {@code below} (its jobs' cgroups are empty then). */
    private static void removeLeftovers(Path below) {
        try (var children = Files.newDirectoryStream(below, "sandbox-jobs-*")) {
            for (Path tree : children) {
                long pid = Long.parseLong(tree.getFileName().toString().substring("sandbox-jobs-".length()));
                if (ProcessHandle.of(pid).isPresent()) {
                    continue;
                }
                try (var jobs = Files.newDirectoryStream(tree, "job-*")) {
                    for (Path job : jobs) {
                        Files.deleteIfExists(job);
                    }
                }
                Files.deleteIfExists(tree);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not remove old job cgroups under {}", below, e);
        }
    }

    /** One job's cgroup made and removed again: the check that writing limits works here. */
    private boolean works() {
        try (JobCgroup trial = newJob()) {
            trial.limit(64L << 20, 8);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.info("cgroups cannot be used for CPython jobs ({}); they are limited by rlimits", e.getMessage());
            remove();
            return false;
        }
    }

    int version() {
        return version;
    }

    JobCgroup newJob() throws IOException {
        String name = "job-" + NAMES.incrementAndGet();
        List<Path> groups = new ArrayList<>();
        groups.add(Files.createDirectories(memoryParent.resolve(name)));
        if (!pidsParent.equals(memoryParent)) {
            groups.add(Files.createDirectories(pidsParent.resolve(name)));
        }
        return new JobCgroup(version, groups);
    }

    /** Removes the (empty) parents when the sandbox closes. */
    void remove() {
        for (Path parent : List.of(memoryParent, pidsParent)) {
            try {
                Files.deleteIfExists(parent);
            } catch (IOException e) {
                LOG.debug("Could not remove {}", parent, e);
            }
        }
    }

    @Override
    public String toString() {
        return "cgroup v" + version;
    }
}
