package com.sandboxopt.core.internal.runtime.graalpy;

import org.graalvm.polyglot.Source;

/** The one way model sources are built, so that checking and running share the engine's code cache. */
public final class ModelSources {
    private ModelSources() {
    }

    public static Source of(String text, String fileName) {
        return Source.newBuilder(PythonRuntime.LANGUAGE, text, fileName).buildLiteral();
    }
}
