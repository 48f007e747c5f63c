package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.Limits;
import com.sandboxopt.core.LogLevel;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.data.ArtifactKeeper;
import com.sandboxopt.core.internal.data.FileStore;
import com.sandboxopt.core.internal.files.WorkArea;
import com.sandboxopt.core.internal.logs.JobLog;
import com.sandboxopt.core.internal.validation.CheckedSource;
import com.sandboxopt.core.internal.runtime.GuestBridge;
import com.sandboxopt.core.internal.runtime.GuestHelpers;
import com.sandboxopt.core.internal.runtime.ImportPlan;
import com.sandboxopt.core.internal.runtime.JobRun;
import com.sandboxopt.core.internal.runtime.ModelRuntime;
import com.sandboxopt.core.internal.runtime.Outcome;
import com.sandboxopt.core.internal.runtime.RuntimeChooser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job with a CPython interpreter inside bubblewrap. Each job gets an interpreter of its own,
 * started ahead (the common modules already imported), and nothing of it outlives the job. Whether
 * the sandbox can start here is checked once ({@link CheckAhead}), by starting one.
 */
public final class CPythonRuntime implements ModelRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(CPythonRuntime.class);
    private static final String SHARED = "/com/sandboxopt/core/internal/runtime/";
    private static final byte[] JOB_CODE = bootstrap(GuestHelpers.assignment("__sandbox_helpers_source"),
            SHARED + "sandbox_api.py", SHARED + "sandbox_pulp.py", "sandbox_channel.py", "sandbox_cpython.py");
    private static final Bootstrap CHECK_BOOTSTRAP = new Bootstrap(bootstrap("", SHARED + "config_defaults.py",
            "sandbox_channel.py", "sandbox_check.py"), false);
    /** Processes of the interpreter that checks uploads: it starts none of its own. */
    private static final int CHECKER_PROCESSES = 8;

    private final WorkArea work;
    private final Limits defaults;
    private final ImportPlan imports;
    private final InterpreterPool pool;
    private final FileStore files;
    private final SourceChecker checker = new SourceChecker(this::startChecker);
    private final Bootstrap jobBootstrap;
    /** What the start-up check found; asked for when first needed, so that it runs while the host starts. */
    private final CompletableFuture<SandboxCheck> found;

    /**
     * @param check   whether the sandbox starts here, found on a thread of its own meanwhile
     * @param waiting how many interpreters wait for jobs once a CPython model exists
     */
    public CPythonRuntime(CheckAhead check, WorkArea work, Limits defaults, List<String> preImports,
                          boolean learnImports, int waiting, FileStore files, boolean hostSolver) {
        this.jobBootstrap = jobBootstrap(hostSolver);
        this.work = work;
        this.files = files;
        this.defaults = defaults;
        this.imports = new ImportPlan(preImports, learnImports);
        this.pool = new InterpreterPool(waiting, () -> startWithPlan(FileCaps.of(defaults)));
        this.found = check.found;
        found.thenAcceptAsync(here -> {
            if (here.status().available()) {
                checker.prepare(); // so that the first upload finds its checker started
            }
        }).exceptionally(e -> {
            LOG.warn("Could not start the interpreter that checks uploads ahead", e);
            return null;
        });
    }

    /** What a job's interpreter runs first; {@code hostSolver}: whether PuLP's solves go to the host's solver. */
    static Bootstrap jobBootstrap(boolean hostSolver) {
        return new Bootstrap(JOB_CODE, hostSolver);
    }

    private SandboxCheck found() {
        return found.join();
    }

    private SandboxedInterpreter start(List<String> modules, FileCaps caps, Map<String, String> failed)
            throws IOException {
        SandboxCheck here = found();
        return SandboxedInterpreter.start(here.setup(), here.mountPoints(), work.newPrivateFolder(), caps, jobBootstrap,
                modules, failed);
    }

    private SandboxedInterpreter startChecker() throws IOException {
        SandboxCheck here = found();
        SandboxedInterpreter interpreter = SandboxedInterpreter.start(here.setup(), here.mountPoints(),
                work.newPrivateFolder(), FileCaps.of(defaults), CHECK_BOOTSTRAP, List.of(), new LinkedHashMap<>());
        try {
            interpreter.limitByCgroup(defaults.memoryBytes(), CHECKER_PROCESSES);
            return interpreter;
        } catch (IOException | RuntimeException e) {
            interpreter.close();
            throw e;
        }
    }

    /** Compiled by CPython itself in a sandbox of its own, so that what a model declares is read as CPython reads it. */
    @Override
    public CheckedSource checkSource(String source, String fileName) {
        RuntimeStatus status = status();
        if (!status.available()) {
            throw new SandboxException(ErrorCode.RUNTIME_UNAVAILABLE,
                    "The cpython runtime is not available here: " + status.reason());
        }
        return checker.check(source, fileName);
    }

    /**
     * The interpreter's modules and those of the package folders its sandbox mounts (some may be left out: see
     * {@link Availability}), for {@code auto}; null when it could not be asked.
     */
    public RuntimeChooser.CPythonModules modules() {
        SandboxCheck here = found();
        CPythonProbe.Facts facts = here.facts();
        if (facts == null || here.setup() == null) {
            return facts;
        }
        java.util.Set<String> installed = new java.util.TreeSet<>(facts.installed());
        installed.addAll(com.sandboxopt.core.internal.files.PackageFolders.moduleNames(here.setup().packageMounts()));
        return new CPythonProbe.Facts(facts.version(), facts.prefixes(), facts.standardLibrary(), installed);
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.CPYTHON;
    }

    @Override
    public RuntimeStatus status() {
        return found().status();
    }

    /**
     * Interpreters wait in a pool of the runtime's own rather than one per job thread, so that the next
     * is started while a job runs; the first call starts filling it.
     */
    @Override
    public Prepared prepare() {
        if (status().available()) {
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
        // sized for other limits (its /job, /job/output and /tmp), or broken by an import the plan wants since it
        // waits (a top-up of the waiting ones may not have reached it yet: it is done here, before the job)
        if (ready != null && (!ready.caps().equals(caps) || !importMissing(ready))) {
            ready.close();
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
                // its usage is read first, while its processes (their CPU) and its cgroup (their peak memory) are there
                run.detach();
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
        spec.put("modelType", job.model().type().name());
        spec.put("config", Json.write(job.inputs().config()));
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

    /**
     * The bootstrap: the code given, then Python shared with GraalPy (a name starting with '/', e.g. the guest API)
     * and the CPython runtime's own files, in order: later ones use what earlier ones define.
     */
    private static byte[] bootstrap(String first, String... names) {
        StringBuilder code = new StringBuilder(first);
        for (String name : names) {
            code.append(resource(name)).append("\n\n");
        }
        return code.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
        checker.close();
        pool.close();
        found().clean();
    }
}
