package com.sandboxopt.core.internal.runtime;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.RuntimeKind;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.SandboxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtimes of one sandbox, by kind, and which of them job threads prepare runs for: a runtime
 * no model uses costs nothing while it waits (none at first: a sandbox without models prepares nothing).
 */
public final class Runtimes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runtimes.class);

    private final Map<RuntimeKind, ModelRuntime> byKind = new EnumMap<>(RuntimeKind.class);
    private final Set<RuntimeKind> inUse = ConcurrentHashMap.newKeySet();

    public Runtimes(List<ModelRuntime> runtimes) {
        for (ModelRuntime runtime : runtimes) {
            byKind.put(runtime.kind(), runtime);
        }
    }

    public ModelRuntime get(RuntimeKind kind) {
        ModelRuntime runtime = byKind.get(kind);
        if (runtime == null) {
            throw new SandboxException(ErrorCode.RUNTIME_UNAVAILABLE, "The " + kind.wireName() + " runtime is not"
                    + " part of this sandbox (it has " + byKind.keySet().stream().map(RuntimeKind::wireName).toList()
                    + "; SandboxBuilder.runtimes)");
        }
        return runtime;
    }

    /** Whether this sandbox has the runtime at all (available here or not). */
    public boolean has(RuntimeKind kind) {
        return byKind.containsKey(kind);
    }

    public List<RuntimeStatus> statuses() {
        List<RuntimeStatus> statuses = new ArrayList<>();
        for (ModelRuntime runtime : byKind.values()) {
            statuses.add(runtime.status());
        }
        return statuses;
    }

    public RuntimeStatus status(RuntimeKind kind) {
        return get(kind).status();
    }

    /**
     * Checks that jobs can run on the runtime now, and notes that one will, so that job threads prepare for it.
     *
     * @throws SandboxException RUNTIME_UNAVAILABLE saying why and what to do
     */
    public void requireAvailable(RuntimeKind kind) {
        RuntimeStatus status = status(kind);
        if (!status.available()) {
            throw new SandboxException(ErrorCode.RUNTIME_UNAVAILABLE,
                    "The " + kind.wireName() + " runtime is not available here: " + status.reason());
        }
        inUse.add(kind);
    }

    /** Notes that a model runs on the runtime, so that idle job threads prepare for it. */
    public void use(RuntimeKind kind) {
        if (byKind.containsKey(kind)) {
            inUse.add(kind);
        }
    }

    /** The runtimes job threads keep a prepared run of, while they wait. */
    public List<ModelRuntime> inUse() {
        List<ModelRuntime> list = new ArrayList<>();
        for (ModelRuntime runtime : byKind.values()) {
            if (inUse.contains(runtime.kind()) && runtime.status().available()) {
                list.add(runtime);
            }
        }
        return list;
    }

    @Override
    public void close() {
        for (ModelRuntime runtime : byKind.values()) {
            try {
                runtime.close();
            } catch (RuntimeException e) {
                LOG.warn("The {} runtime did not close cleanly", runtime.kind().wireName(), e);
            }
        }
    }
}
