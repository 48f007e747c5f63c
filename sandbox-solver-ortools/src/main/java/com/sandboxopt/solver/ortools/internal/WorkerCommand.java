package com.sandboxopt.solver.ortools.internal;

import com.sandboxopt.solver.ortools.internal.worker.SolverWorker;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a solver worker: this JVM's {@code java}, a small heap, OR-Tools' native
 * libraries from their unpacked folder, and a class path of just what the worker needs (this
 * module, OR-Tools, protobuf, JNA), found where those classes were loaded from.
 */
public final class WorkerCommand {
    private WorkerCommand() {
    }

    public static List<String> of(Path java, Path nativeLibraries, String classPath, long heapBytes) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + (heapBytes >> 20) + "m");
        command.add("-Xss8m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-Djava.library.path=" + nativeLibraries);
        command.add("-Djna.nosys=true");
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // JNA and OR-Tools' JNI, without warnings
        }
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // protobuf's, without warnings in every job log
        }
        command.add("-cp");
        command.add(classPath);
        command.add(SolverWorker.class.getName());
        return command;
    }

    /** The worker's class path, from the code sources of the classes it uses; this JVM's class path when one is unknown. */
    public static String defaultClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> used : List.of(SolverWorker.class, com.google.ortools.Loader.class,
                com.google.protobuf.Message.class, com.sun.jna.Native.class)) {
            String entry = locationOf(used);
            if (entry == null) {
                return System.getProperty("java.class.path");
            }
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
