package com.sandboxopt.core.internal.runtime.graalpy;

import com.sandboxopt.core.internal.runtime.GuestBridge;
import org.graalvm.polyglot.HostAccess;

/**
 * The only host object a GraalPy context sees: the prelude wraps it as the guest's {@code sandbox} module. Under
 * {@link HostAccess#CONSTRAINED} only these {@link HostAccess.Export} methods are callable from Python.
 */
public final class ExportedBridge {
    private final GuestBridge bridge;

    ExportedBridge(GuestBridge bridge) {
        this.bridge = bridge;
    }

    @HostAccess.Export
    public void log(String level, String message) {
        bridge.log(level, message);
    }

    @HostAccess.Export
    public void progress(double fraction, String message) {
        bridge.progress(fraction, message);
    }

    @HostAccess.Export
    public void metric(String name, double value, Long step) {
        bridge.metric(name, value, step);
    }

    @HostAccess.Export
    public String solve(String problemJson) {
        return bridge.solve(problemJson);
    }

    @HostAccess.Export
    public void result(String json) {
        bridge.result(json);
    }
}
