package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.files.Folders;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CPython interpreter in its own bubblewrap sandbox, started before its job is known: it has
 * read the bootstrap and imported the common modules, and waits for its job on stdin. It serves
 * exactly one job; closing it kills whatever of it is left.
 */
final class SandboxedInterpreter implements ModelRuntime.Prepared {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxedInterpreter.class);
    static final int MAX_FRAME_BYTES = 16 << 20;
    private static final byte NO_END_KIND = 0;

    private final Process process;
    private final Path folder;
    private final DataOutputStream toGuest;
    private final FrameReader fromGuest;
    private final InputStream channel;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final FileCaps caps;
    private final JobCgroup cgroup;
    private final MountPoints mountPoints;
    private final Path mountPoint;
    private SecureDirectoryStream<Path> output; // its /job/output, opened before any job code runs
    private final java.util.Set<String> imported = new java.util.HashSet<>(); // asked for, failed or not

    private SandboxedInterpreter(SandboxLaunch launch, Path folder, FileCaps caps, MountPoints mountPoints) {
        this.cgroup = launch.cgroup();
        this.mountPoints = mountPoints;
        this.mountPoint = launch.mountPoint();
        this.process = launch.process();
        this.folder = folder;
        this.channel = launch.channel();
        this.toGuest = new DataOutputStream(process.getOutputStream());
        this.fromGuest = new FrameReader(channel, MAX_FRAME_BYTES, NO_END_KIND);
        this.stdout = OutputPump.start(process.getInputStream(), "sandbox-cpython-out-" + process.pid());
        this.stderr = OutputPump.start(process.getErrorStream(), "sandbox-cpython-err-" + process.pid());
        this.caps = caps;
    }

    /**
     * Starts an interpreter in {@code folder} (private to the host, removed on close) and waits until it has
     * imported {@code imports}; returns it with the imports that failed, or throws naming why it did not start.
     */
    static SandboxedInterpreter start(CPythonSetup setup, MountPoints mountPoints, Path folder, FileCaps caps,
                                      Bootstrap bootstrap, List<String> imports, Map<String, String> failedImports)
            throws IOException {
        SandboxLaunch launch = SandboxLaunch.start(setup, mountPoints, folder, caps);
        SandboxedInterpreter interpreter = new SandboxedInterpreter(launch, folder, caps, mountPoints);
        try {
            interpreter.sendBootstrap(bootstrap, setup.sysPath(), imports);
            failedImports.putAll(interpreter.awaitReady());
            interpreter.output = launch.openOutput();
            return interpreter;
        } catch (IOException | RuntimeException e) {
            interpreter.close();
            throw e;
        }
    }

    /** The host folder seen as {@code /job/data}, where the job's data files are placed before it starts. */
    Path dataFolder() {
        return folder.resolve("data");
    }

    /** The open {@code /job/output}, handed over once (the taker closes it); null after that. */
    SecureDirectoryStream<Path> takeOutput() {
        SecureDirectoryStream<Path> taken = output;
        output = null;
        return taken;
    }

    private void sendBootstrap(Bootstrap bootstrap, List<String> sysPath, List<String> imports) throws IOException {
        toGuest.write(String.format("%08d", bootstrap.code().length).getBytes(StandardCharsets.US_ASCII));
        toGuest.write(bootstrap.code());
        send(Frame.of('C', com.sandboxopt.core.internal.util.Json.write(Map.of("path", sysPath, "imports", imports,
                "solver", bootstrap.hostSolver()))));
    }

    /** Reads until the guest says it is ready; what it prints meanwhile is dropped. Returns the imports that failed. */
    Map<String, String> awaitReady() throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = fromGuest.next();
            } catch (ChannelException e) {
                throw new IOException("The sandboxed interpreter broke its channel while starting: " + e.getMessage());
            }
            if (frame == null) {
                throw new IOException(startFailure());
            }
            if (frame.kind() == 'R') {
                Map<String, String> failed = new LinkedHashMap<>();
                Object parsed = com.sandboxopt.core.internal.util.Json.readObject(frame.text()).get("failed");
                if (parsed instanceof Map<?, ?> map) {
                    map.forEach((module, error) -> failed.put(String.valueOf(module), String.valueOf(error)));
                }
                return failed;
            }
        }
    }

    private String startFailure() {
        int code;
        try {
            code = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        stderr.awaitEnd(1000);
        String said = stderr.tail().strip();
        return "The CPython sandbox did not start (exit status " + code + ")" + (said.isEmpty() ? "" : ": " + said);
    }

    /** Notes modules it was asked to import. */
    void imported(List<String> modules) {
        imported.addAll(modules);
    }

    /** Those of {@code modules} it was not asked to import yet. */
    List<String> missing(List<String> modules) {
        return modules.stream().filter(module -> !imported.contains(module)).toList();
    }

    /** Imports more modules while it waits; returns those that failed. */
    Map<String, String> importMore(List<String> modules) throws IOException {
        send(Frame.of('I', com.sandboxopt.core.internal.util.Json.write(modules)));
        return awaitReady();
    }

    synchronized void send(Frame frame) throws IOException {
        toGuest.writeByte(frame.kind());
        toGuest.writeInt(frame.payload().length);
        toGuest.write(frame.payload());
        toGuest.flush();
    }

    /** The next frame from the guest, or null once every process of the sandbox has ended. */
    Frame next() throws IOException {
        return fromGuest.next();
    }

    /** Where native output (fds 1 and 2 of the sandbox) goes from now on. */
    void bindOutput(OutputStream out, OutputStream err) {
        stdout.target(out);
        stderr.target(err);
    }

    /** Waits until native output has been read to its end (the sandbox ended), at most the given time. */
    void awaitOutput(long millis) {
        stdout.awaitEnd(millis);
        stderr.awaitEnd(millis);
    }

    long pid() {
        return process.pid();
    }

    FileCaps caps() {
        return caps;
    }

    /** Kills the sandbox: bubblewrap's init dies with it, and the kernel ends every process of its PID namespace. */
    void kill() {
        process.destroyForcibly();
    }

    /** The exit status, waiting for the process to end. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Limits memory and processes of the whole sandbox by its cgroup; false when it has none (rlimits apply). */
    boolean limitByCgroup(long memoryBytes, int maxProcesses) throws IOException {
        if (cgroup == null) {
            return false;
        }
        cgroup.limit(memoryBytes, maxProcesses);
        return true;
    }

    /** The high-water mark of its cgroup's memory since it started, or -1 without a cgroup (rlimits apply). */
    long peakMemoryBytes() {
        return cgroup == null ? -1 : cgroup.peakBytes();
    }

    /** Whether the kernel ended a process of this sandbox for passing its cgroup's memory limit. */
    boolean oomKilled() {
        return cgroup != null && cgroup.oomKilled();
    }

    @Override
    public void close() {
        kill();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warn("A sandboxed interpreter (pid {}) did not end within 5 s of SIGKILL", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
            toGuest.close();
        } catch (IOException ignored) {
            // the pipes of a dead process
        }
        if (cgroup != null) {
            cgroup.close();
        }
        SecureDirectoryStream<Path> unread = takeOutput();
        if (unread != null) {
            try {
                unread.close();
            } catch (IOException ignored) {
                // only read
            }
        }
        if (mountPoint != null) {
            mountPoints.release(mountPoint);
        }
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            LOG.warn("Could not remove {}", folder, e);
        }
    }
}
