package com.sandboxopt.core.internal.runtime.cpython;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A sandbox's process as it was started: bubblewrap running the interpreter, the host's end of its
 * frame channel (a FIFO the guest sees as fd 3), and what it holds on the host until it is closed,
 * its cgroup and its mount point. Apart from {@link SandboxedInterpreter} because starting is all
 * host plumbing (a FIFO, a process, their clean-up when a step fails), while the interpreter is
 * about the conversation with the guest once it runs.
 */
record SandboxLaunch(Process process, InputStream channel, JobCgroup cgroup, Path mountPoint) {

    /**
     * Starts bubblewrap in {@code folder} with the job's data folder ({@code folder/data}) and opens the channel.
     * When a step fails, what was taken so far (the FIFO, the process, the cgroup, the mount point) is given back.
     */
    static SandboxLaunch start(CPythonSetup setup, MountPoints mountPoints, Path folder, FileCaps caps)
            throws IOException {
        Path fifo = mountPoints.newChannel();
        mkfifo(fifo);
        Path data = Files.createDirectory(folder.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mountPoint = setup.dropToUser() ? mountPoints.newPoint() : null;
        JobCgroup cgroup = setup.cgroups() == null ? null : setup.cgroups().newJob();
        ProcessBuilder builder = new ProcessBuilder(SandboxCommand.build(setup, fifo, caps, data, mountPoint,
                cgroup == null ? List.of() : cgroup.procsFiles()));
        builder.environment().clear(); // the sandbox starts from nothing; bwrap --clearenv makes sure
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            release(cgroup, mountPoints, mountPoint);
            throw e;
        }
        // Opening a FIFO waits for its writer: if the shell never opens it, opening it for writing here ends the wait.
        process.onExit().thenRun(() -> releaseReader(fifo));
        InputStream channel;
        try {
            channel = new FileInputStream(fifo.toFile());
            Files.delete(fifo); // both ends are open: the name is no longer needed
        } catch (IOException e) {
            Files.deleteIfExists(fifo);
            process.destroyForcibly();
            release(cgroup, mountPoints, mountPoint);
            throw e;
        }
        return new SandboxLaunch(process, channel, cgroup, mountPoint);
    }

    /**
     * Opens the sandbox's {@code /job/output} through a process inside it, while only the bootstrap has
     * run. The open folder keeps its file system readable after every process of the sandbox has
     * ended, so that what a job left there is kept however it ended; reads are relative to it and
     * never follow a link.
     */
    SecureDirectoryStream<Path> openOutput() throws IOException {
        for (ProcessHandle inside : process.toHandle().descendants().toList()) {
            Path output = Path.of("/proc", Long.toString(inside.pid()), "root", "job", "output");
            try {
                if (Files.newDirectoryStream(output) instanceof SecureDirectoryStream<Path> secure) {
                    return secure;
                }
            } catch (IOException notThisOne) {
                // a process that ended, or one outside the sandbox's root
            }
        }
        throw new IOException("Cannot open the sandbox's /job/output from the host (no process of it shows one)");
    }

    private static void release(JobCgroup cgroup, MountPoints mountPoints, Path mountPoint) {
        if (cgroup != null) {
            cgroup.close();
        }
        if (mountPoint != null) {
            mountPoints.release(mountPoint);
        }
    }

    private static void mkfifo(Path fifo) throws IOException {
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
            String said = new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mk.waitFor() != 0) {
                throw new IOException("mkfifo " + fifo + " failed: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while creating " + fifo, e);
        }
    }

    private static void releaseReader(Path fifo) {
        try (OutputStream unblock = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
            unblock.flush();
        } catch (IOException gone) {
            // the FIFO was opened and removed: nobody waits
        }
    }
}
