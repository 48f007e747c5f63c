package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.Job;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.internal.Json;
import com.sandboxopt.core.internal.data.ArtifactKeeper;
import com.sandboxopt.core.internal.data.FileStore;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.runtime.GuestBridge;
import com.sandboxopt.core.internal.runtime.ImportPlan;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.internal.runtime.Outcome;
import com.sandboxopt.core.internal.runtime.RuntimeChooser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job with a CPython interpreter inside bubblewrap. Each job gets an interpreter of its own,
 * started ahead (the common modules already imported), and nothing of it outlives the job. Whether
 * the sandbox can start here is checked once, at construction, by starting one.
 */
public final class CPythonRuntime implements ModelRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(CPythonRuntime.class);
    private static final byte[] BOOTSTRAP = loadBootstrap();

    private final WorkArea work;
    private final Limits defaults;
    private final ImportPlan imports;
    private final CPythonSetup setup;
    private final CPythonProbe.Facts facts;
    private final RuntimeStatus status;
    private final InterpreterPool pool;
    private final FileStore files;
    private final MountPoints mountPoints;

    /** @param waiting how many interpreters wait for jobs once a CPython model exists */
    public CPythonRuntime(Path interpreter, Path bubblewrap, int userId, boolean cgroups, WorkArea work, Limits defaults,
                          List<String> preImports, boolean learnImports, int waiting, FileStore files) {
        this.work = work;
        this.files = files;
        this.defaults = defaults;
        this.imports = new ImportPlan(preImports, learnImports);
        Availability found = Availability.check(interpreter, bubblewrap, userId, cgroups, work.packages());
        this.setup = found.setup();
        this.facts = found.facts();
        this.mountPoints = setup != null ? MountPoints.create() : null;
        this.status = found.setup() == null ? unavailable(found.reason()) : tryStart();
        this.pool = new InterpreterPool(waiting, () -> startWithPlan(FileCaps.of(defaults)));
        if (status.available()) {
            LOG.info("CPython runtime: {} in bubblewrap{}", status.version(),
                    setup.dropToUser() ? " as user " + setup.userId() : "");
        } else {
            LOG.info("CPython runtime not available: {}", status.reason());
        }
    }

    private RuntimeStatus unavailable(String reason) {
        String version = facts == null ? "CPython" : "CPython " + facts.version();
        return new RuntimeStatus(RuntimeKind.CPYTHON, false, version, reason);
    }

    private RuntimeStatus tryStart() {
        try (SandboxedInterpreter trial = start(List.of(), FileCaps.of(defaults), new LinkedHashMap<>())) {
            return new RuntimeStatus(RuntimeKind.CPYTHON, true, "CPython " + facts.version() + " (" + setup.interpreter()
                    + "), limits by " + limitedBy(), null);
        } catch (IOException | RuntimeException e) {
            return unavailable(Availability.explainStartFailure(e.getMessage()));
        }
    }

    private SandboxedInterpreter start(List<String> modules, FileCaps caps, Map<String, String> failed)
            throws IOException {
        return SandboxedInterpreter.start(setup, mountPoints, work.newPrivateFolder(), caps, BOOTSTRAP, modules, failed);
    }

    /** How memory and processes of a job are limited: per job by cgroups, or per process by rlimits. */
    public String limitedBy() {
        return setup == null || setup.cgroups() == null ? "rlimits" : setup.cgroups().toString();
    }

    /** The interpreter's modules, for {@code auto}; null when it could not be asked. */
    public RuntimeChooser.CPythonModules modules() {
        return facts;
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.CPYTHON;
    }

    @Override
    public RuntimeStatus status() {
        return status;
    }

    /**
     * Interpreters wait in a pool of the runtime's own rather than one per job thread, so that the next
     * is started while a job runs; the first call starts filling it.
     */
    @Override
    public Prepared prepare() {
        if (status.available()) {
            pool.fill();
        }
        return null;
    }

    private SandboxedInterpreter startWithPlan(FileCaps caps) throws IOException {
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> modules = imports.modules();
        SandboxedInterpreter interpreter = start(modules, caps, failed);
        interpreter.imported(modules);
        imports.failed(failed.keySet());
        return interpreter;
    }

    /** Nothing is prepared per job thread (see {@link #prepare}). */
    @Override
    public boolean topUp(Prepared prepared) {
        return false;
    }

    /** Imports into a waiting interpreter what the plan now wants and it lacks; false when it broke. */
    private boolean importMissing(SandboxedInterpreter interpreter) {
        List<String> missing = interpreter.missing(imports.modules());
        if (missing.isEmpty()) {
            return true;
        }
        try {
            imports.failed(interpreter.importMore(missing).keySet());
            interpreter.imported(missing);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("A waiting interpreter failed while importing more modules; starting another", e);
            return false;
        }
    }

    @Override
    public void learnImports(Collection<String> modules) {
        List<String> before = imports.modules();
        imports.learn(modules);
        if (!imports.modules().equals(before)) {
            pool.topUp(this::importMissing);
        }
    }

    @Override
    public Outcome run(JobRun run, JobLog log, GuestBridge bridge, Prepared prepared, ArtifactKeeper artifacts) {
        FileCaps caps = FileCaps.of(run.limits());
        SandboxedInterpreter ready = pool.take();
        if (ready != null && !ready.caps().equals(caps)) {
            ready.close(); // its /job, /job/output and /tmp were sized for other limits
            ready = null;
        }
        try (SandboxedInterpreter interpreter = ready != null ? ready : startWithPlan(caps)) {
            try {
                boolean byCgroup = interpreter.limitByCgroup(run.limits().memoryBytes(), run.limits().maxProcesses());
                if (run.data().placeInto(interpreter.dataFolder(), files) > 0) {
                    LOG.warn("Job {}: data files were copied, not linked (the work area and the file store are on"
                            + " different file systems)", run.accepted().id());
                }
                return new GuestSession(interpreter, run, log, bridge).run(jobFrame(run, byCgroup));
            } finally {
                interpreter.kill(); // nothing of the job may write while its output is read
                interpreter.waitFor();
                SecureDirectoryStream<Path> output = interpreter.takeOutput();
                if (output != null) {
                    artifacts.keep(output, caps.outputBytes());
                }
            }
        } catch (IOException e) {
            log.emit(LogLevel.ERROR, e.getMessage());
            return Outcome.failed(e.getMessage(), bridge.resultJson());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("Interrupted while the job ran", bridge.resultJson());
        } catch (UncheckedIOException e) {
            return Outcome.failed("The job could not start: " + e.getMessage(), bridge.resultJson());
        }
    }

    /** The job as the guest gets it; memory and processes are rlimits only where no cgroup limits them. */
    private static Frame jobFrame(JobRun run, boolean limitedByCgroup) {
        Job job = run.accepted();
        Limits limits = run.limits();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("jobId", job.id());
        spec.put("modelType", job.modelType().name());
        spec.put("config", Json.write(job.config()));
        spec.put("data", run.data().isEmpty() ? null : run.data().guestJson());
        spec.put("fileName", run.fileName());
        spec.put("source", run.source());
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("memoryBytes", limitedByCgroup ? null : limits.memoryBytes());
        caps.put("maxProcesses", limitedByCgroup ? null : limits.maxProcesses());
        caps.put("fileBytes", limits.workingDirectoryBytes());
        caps.put("cpuSeconds", (long) Math.ceil(limits.cpuTime().toMillis() / 1000.0));
        spec.put("limits", caps);
        return Frame.of('J', Json.write(spec));
    }

    /** The guest API shared with GraalPy, the channel to the host, then the CPython bootstrap that uses both. */
    private static byte[] loadBootstrap() {
        String api = resource("/com/sandboxopt/core/internal/runtime/sandbox_api.py");
        return (api + "\n\n" + resource("sandbox_channel.py") + "\n\n" + resource("sandbox_cpython.py"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = CPythonRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the sandbox-core jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (mountPoints != null) {
            mountPoints.close();
        }
        if (setup != null && setup.cgroups() != null) {
            setup.cgroups().remove();
        }
    }

    static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
