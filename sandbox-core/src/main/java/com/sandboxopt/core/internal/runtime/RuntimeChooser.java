package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Picks the runtime of an upload. Asked for one, that one (if it can run here). Asked for {@code auto}, the
 * runtime that runs the model fastest here: CPython in its OS sandbox whenever that runtime is available (it
 * runs at CPython's own speed from the first run), GraalPy when it is not, or when the model imports from a
 * package folder only GraalPy sees (CPython's sandbox user cannot read it). The reason says which modules
 * tie the model to the runtime it got.
 */
public final class RuntimeChooser {
    private final Runtimes runtimes;
    private final Set<String> graalPyModules;
    private final Supplier<CPythonModules> cpython;

    /** What the CPython interpreter offers: its standard library and its installed top-level modules. */
    public interface CPythonModules {
        /** e.g. 3.11.2 */
        String version();

        Set<String> standardLibrary();

        Set<String> installed();
    }

    /** For a sandbox without the CPython runtime: never asked, since no choice then needs CPython's modules. */
    public static final Supplier<CPythonModules> NO_CPYTHON = () -> {
        throw new IllegalStateException("this sandbox has no CPython runtime");
    };

    /**
     * @param graalPyModules top-level modules of the package folders GraalPy mounts
     * @param cpython        the interpreter's modules, asked for only when a choice needs them
     */
    public RuntimeChooser(Runtimes runtimes, Collection<String> graalPyModules, Supplier<CPythonModules> cpython) {
        this.runtimes = runtimes;
        this.graalPyModules = Set.copyOf(graalPyModules);
        this.cpython = cpython;
    }

    /** The runtime and why it was chosen. */
    public record Choice(RuntimeKind kind, String reason) {
    }

    /** @throws com.sandboxopt.core.SandboxException RUNTIME_UNAVAILABLE when the one asked for cannot run here */
    public Choice choose(RuntimeKind requested, String source) {
        if (requested != RuntimeKind.AUTO) {
            runtimes.requireAvailable(requested);
            return new Choice(requested, requested.wireName() + " was asked for at upload");
        }
        RuntimeStatus status = runtimes.statuses().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON).findFirst()
                .orElse(null);
        if (status != null && !status.available() && !runtimes.has(RuntimeKind.GRAALPY)) {
            runtimes.requireAvailable(RuntimeKind.CPYTHON); // the only runtime here cannot run: says why
        }
        if (status == null || !status.available()) {
            return graalPy("auto: GraalPy, the only runtime available here"
                    + (status == null ? "" : " (CPython: " + status.reason() + ")"));
        }
        CPythonModules offered = cpython.get();
        Set<String> onlyCPython = new TreeSet<>();
        Set<String> onlyGraalPy = new TreeSet<>();
        Set<String> neither = new TreeSet<>();
        for (String module : ImportScanner.modules(source)) {
            String top = module.split("\\.")[0];
            boolean inCPython = offered.standardLibrary().contains(top) || offered.installed().contains(top);
            boolean inGraalPy = offered.standardLibrary().contains(top) || graalPyModules.contains(top);
            if (inCPython && !inGraalPy) {
                onlyCPython.add(top);
            } else if (inGraalPy && !inCPython) {
                onlyGraalPy.add(top);
            } else if (!inCPython) {
                neither.add(top);
            }
        }
        if (!onlyGraalPy.isEmpty() && onlyCPython.isEmpty() && runtimes.has(RuntimeKind.GRAALPY)) {
            return graalPy("auto: GraalPy, since it imports " + String.join(", ", onlyGraalPy) + " from a package folder"
                    + " the CPython sandbox's user cannot read");
        }
        runtimes.use(RuntimeKind.CPYTHON);
        String reason = "auto: CPython " + offered.version() + ", the faster runtime here";
        if (!onlyCPython.isEmpty()) {
            reason += "; it imports " + String.join(", ", onlyCPython) + ", which GraalPy cannot provide";
        }
        if (!neither.isEmpty()) {
            reason += "; neither runtime has " + String.join(", ", neither);
        }
        return new Choice(RuntimeKind.CPYTHON, reason);
    }

    private Choice graalPy(String reason) {
        runtimes.use(RuntimeKind.GRAALPY);
        return new Choice(RuntimeKind.GRAALPY, reason);
    }
}
