package com.sandboxopt.core.internal.queue.shared;

import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.internal.util.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one node tells the others about its jobs, one NOTIFY payload each (at most 8000 bytes, so a
 * progress message is cut and lines travel as a range of seqs, read from storage by the receiver).
 *
 * @param from  first seq of a {@code LINES} range
 * @param to    last seq of a {@code LINES} range
 * @param value a metric's value, or a progress fraction
 * @param text  a metric's name, or a progress message
 */
record ClusterMessage(Kind kind, String node, String jobId, ModelType modelType, long from, long to, double value,
                      String text, Long step, Instant timestamp) {
    static final int MAX_TEXT = 2000;

    enum Kind { QUEUED, STARTED, LINES, PROGRESS, METRIC, ENDED }

    static ClusterMessage of(Kind kind, String node, String jobId, ModelType modelType) {
        return new ClusterMessage(kind, node, jobId, modelType, 0, 0, 0, null, null, null);
    }

    /** Lines of the same job in a row travel as one range. */
    boolean continuedBy(ClusterMessage next) {
        return kind == Kind.LINES && next.kind == Kind.LINES && jobId.equals(next.jobId) && next.from == to + 1;
    }

    ClusterMessage through(long last) {
        return new ClusterMessage(kind, node, jobId, modelType, from, last, value, text, step, timestamp);
    }

    String encode() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("k", kind.name());
        json.put("n", node);
        json.put("j", jobId);
        json.put("t", modelType.name());
        if (kind == Kind.LINES) {
            json.put("f", from);
            json.put("l", to);
        }
        if (kind == Kind.PROGRESS || kind == Kind.METRIC) {
            json.put("v", value);
            json.put("x", text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…");
            json.put("s", step);
            json.put("ts", timestamp.toString());
        }
        return Json.write(json);
    }

    static ClusterMessage decode(String payload) {
        Map<String, Object> json = Json.readObject(payload);
        Object ts = json.get("ts");
        return new ClusterMessage(Kind.valueOf((String) json.get("k")), (String) json.get("n"), (String) json.get("j"),
                ModelType.valueOf((String) json.get("t")), number(json.get("f")), number(json.get("l")),
                json.get("v") instanceof Number n ? n.doubleValue() : 0, (String) json.get("x"),
                json.get("s") instanceof Number n ? n.longValue() : null, ts == null ? null : Instant.parse((String) ts));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
