package com.sandboxopt.core.internal.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which modules a job's context imports before its job arrives: the configured pre-imports, plus
 * (when learning) the modules of the models most recently run or uploaded. So repeated runs of a
 * model start with its imports done, while a sandbox running trivial models stays lean: a module
 * no model of the last {@value #REMEMBERED_MODELS} needed is dropped again, and one that failed to
 * import is never tried again.
 */
public final class ImportPlan {
    static final int REMEMBERED_MODELS = 8;
    static final int MAX_LEARNED = 64;

    private final List<String> configured;
    private final boolean learning;
    private final Map<String, Long> lastNeeded = new LinkedHashMap<>();
    private final Set<String> unimportable = new HashSet<>();
    private long models;

    public ImportPlan(List<String> configured, boolean learning) {
        this.configured = List.copyOf(configured);
        this.learning = learning;
    }

    /** Notes the modules a model imports (a job of it starts, or it was uploaded). */
    public synchronized void learn(Collection<String> modules) {
        if (!learning) {
            return;
        }
        models++;
        for (String module : modules) {
            if (!unimportable.contains(module)) {
                lastNeeded.remove(module); // re-insert: the map stays ordered by last use
                lastNeeded.put(module, models);
            }
        }
        lastNeeded.values().removeIf(model -> model <= models - REMEMBERED_MODELS);
        while (lastNeeded.size() > MAX_LEARNED) {
            lastNeeded.remove(lastNeeded.keySet().iterator().next());
        }
    }

    /** A module that failed to import (configured or learned) is not tried again. */
    public synchronized void failed(Collection<String> modules) {
        unimportable.addAll(modules);
        lastNeeded.keySet().removeAll(modules);
    }

    public synchronized List<String> modules() {
        Set<String> all = new LinkedHashSet<>(configured);
        all.addAll(lastNeeded.keySet());
        all.removeAll(unimportable);
        return new ArrayList<>(all);
    }

    public boolean isConfigured(String module) {
        return configured.contains(module);
    }
}
