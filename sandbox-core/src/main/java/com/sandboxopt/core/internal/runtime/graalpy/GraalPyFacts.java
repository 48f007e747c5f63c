package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.RuntimeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What GraalPy will be once its engine is built, told without building it (which costs the better part
 * of a second): whether the Graal JIT is there, and the Python version. The start banner and the status
 * page show this, and an idle server should not pay for an engine just to describe it.
 */
final class GraalPyFacts {
    /** GraalPy's own resource: the Python and GraalPy versions, each digit stored as a character from '!'. */
    private static final String VERSIONS = "graalpy_versions";

    private GraalPyFacts() {
    }

    static RuntimeInfo expected() {
        boolean jit = hasModule("jdk.internal.vm.ci") && hasModule("jdk.graal.compiler")
                && hasModule("org.graalvm.truffle.compiler");
        return new RuntimeInfo(jit ? "GraalVM CE" : "Interpreted", jit, pythonVersion());
    }

    private static boolean hasModule(String name) {
        return ModuleLayer.boot().findModule(name).isPresent();
    }

    /** e.g. 3.12.8, or null when the resource is missing or not as expected (then the engine tells, once built). */
    static String pythonVersion() {
        try (InputStream in = GraalPyFacts.class.getClassLoader().getResourceAsStream(VERSIONS)) {
            if (in == null) {
                return null;
            }
            String encoded = new String(in.readNBytes(16), StandardCharsets.ISO_8859_1);
            if (encoded.length() < 3) {
                return null;
            }
            int[] parts = new int[3];
            for (int i = 0; i < 3; i++) {
                parts[i] = encoded.charAt(i) - '!';
                if (parts[i] < 0 || parts[i] > 99) {
                    return null;
                }
            }
            return parts[0] + "." + parts[1] + "." + parts[2];
        } catch (IOException e) {
            return null;
        }
    }
}
