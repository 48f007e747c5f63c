package com.sandboxopt.core.internal.runtime.cpython;

import com.sandboxopt.core.internal.util.Json;
import com.sandboxopt.core.internal.runtime.RuntimeChooser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Asks the interpreter, outside the sandbox, where its files are and what it has: its version, its
 * standard library and its installed top-level modules. The interpreter is the operator's choice,
 * so running it once on the host is no more than starting the server.
 */
final class CPythonProbe {
    private static final String SCRIPT = "import sys, json, pkgutil\n"
            + "print(json.dumps({'version': '%d.%d.%d' % sys.version_info[:3], 'executable': sys.executable,\n"
            + "  'prefixes': sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}),\n"
            + "  'stdlib': sorted(getattr(sys, 'stdlib_module_names', ())) + sorted(sys.builtin_module_names),\n"
            + "  'installed': sorted({m.name for m in pkgutil.iter_modules()})}))\n";

    private CPythonProbe() {
    }

    record Facts(String version, List<Path> prefixes, Set<String> standardLibrary, Set<String> installed)
            implements RuntimeChooser.CPythonModules {
    }

    static Facts run(Path interpreter) throws IOException {
        Process process = new ProcessBuilder(interpreter.toString(), "-I", "-c", SCRIPT).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(interpreter + " did not answer: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking " + interpreter, e);
        }
        Map<String, Object> facts;
        try {
            facts = Json.readObject(out.strip().lines().reduce((a, b) -> b).orElse("{}"));
        } catch (RuntimeException e) {
            throw new IOException(interpreter + " is not a CPython 3 interpreter: " + out.strip());
        }
        List<Path> prefixes = new ArrayList<>();
        for (Object prefix : (List<?>) facts.get("prefixes")) {
            prefixes.add(Path.of(String.valueOf(prefix)));
        }
        return new Facts(String.valueOf(facts.get("version")), prefixes, names(facts.get("stdlib")),
                names(facts.get("installed")));
    }

    private static Set<String> names(Object list) {
        Set<String> names = new TreeSet<>();
        for (Object name : (List<?>) list) {
            names.add(String.valueOf(name));
        }
        return names;
    }
}
