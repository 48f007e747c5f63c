package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Picks the runtime of an upload. Asked for one, that one (if it can run here). Asked for {@code auto},
 * GraalPy unless the model imports a module GraalPy cannot provide (not in the standard library, not
 * in a package folder) that the CPython interpreter has, such as numpy, pandas or SciPy.
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
        Set<String> imported = new TreeSet<>();
        for (String module : ImportScanner.modules(source)) {
            imported.add(module.split("\\.")[0]);
        }
        RuntimeStatus status = runtimes.statuses().stream().filter(s -> s.kind() == RuntimeKind.CPYTHON).findFirst()
                .orElse(null);
        if (status == null || !status.available()) {
            return graalPy("auto: GraalPy, the only runtime available here"
                    + (status == null ? "" : " (CPython: " + status.reason() + ")"));
        }
        CPythonModules offered = cpython.get();
        Set<String> missing = new TreeSet<>(imported);
        missing.removeAll(offered.standardLibrary());
        missing.removeAll(graalPyModules);
        if (missing.isEmpty()) {
            return graalPy("auto: GraalPy has every module it imports"
                    + (imported.isEmpty() ? "" : " (" + String.join(", ", imported) + ")"));
        }
        Set<String> onlyCPython = new TreeSet<>(missing);
        onlyCPython.retainAll(offered.installed());
        if (onlyCPython.isEmpty()) {
            return graalPy("auto: GraalPy, since neither runtime has " + String.join(", ", missing));
        }
        runtimes.use(RuntimeKind.CPYTHON);
        return new Choice(RuntimeKind.CPYTHON, "auto: it imports " + String.join(", ", onlyCPython)
                + ", which GraalPy cannot provide and CPython " + offered.version() + " has");
    }

    private Choice graalPy(String reason) {
        runtimes.use(RuntimeKind.GRAALPY);
        return new Choice(RuntimeKind.GRAALPY, reason);
    }
}
