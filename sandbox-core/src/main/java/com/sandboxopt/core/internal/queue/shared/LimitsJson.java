package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.internal.util.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job's limits as stored with it, so that whichever node runs it applies the limits it was accepted with. */
final class LimitsJson {
    private LimitsJson() {
    }

    static String write(Limits limits) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("wallTimeMillis", limits.wallTime().toMillis());
        json.put("cpuTimeMillis", limits.cpuTime().toMillis());
        json.put("maxOutputLines", limits.maxOutputLines());
        json.put("maxOutputBytes", limits.maxOutputBytes());
        json.put("workingDirectoryBytes", limits.workingDirectoryBytes());
        json.put("maxProblemSize", limits.maxProblemSize());
        json.put("memoryBytes", limits.memoryBytes());
        json.put("maxProcesses", limits.maxProcesses());
        json.put("artifactBytes", limits.artifactBytes());
        return Json.write(json);
    }

    /** The stored limits; a value missing (a row written by another version) takes the given default's. */
    static Limits read(String text, Limits defaults) {
        if (text == null) {
            return defaults;
        }
        Map<String, Object> json = Json.readObject(text);
        return new Limits(
                Duration.ofMillis(number(json, "wallTimeMillis", defaults.wallTime().toMillis())),
                Duration.ofMillis(number(json, "cpuTimeMillis", defaults.cpuTime().toMillis())),
                number(json, "maxOutputLines", defaults.maxOutputLines()),
                number(json, "maxOutputBytes", defaults.maxOutputBytes()),
                number(json, "workingDirectoryBytes", defaults.workingDirectoryBytes()),
                number(json, "maxProblemSize", defaults.maxProblemSize()),
                number(json, "memoryBytes", defaults.memoryBytes()),
                (int) number(json, "maxProcesses", defaults.maxProcesses()),
                number(json, "artifactBytes", defaults.artifactBytes()));
    }

    private static long number(Map<String, Object> json, String key, long fallback) {
        return json.get(key) instanceof Number n ? n.longValue() : fallback;
    }
}
