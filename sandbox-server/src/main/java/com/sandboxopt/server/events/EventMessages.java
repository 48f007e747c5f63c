package com.sandboxopt.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobModel;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.event.JobCompleted;
import com.sandboxopt.core.event.JobFailed;
import com.sandboxopt.core.event.JobStarted;
import com.sandboxopt.core.event.LogEvent;
import com.sandboxopt.core.event.MetricEvent;
import com.sandboxopt.core.event.ProgressEvent;
import com.sandboxopt.server.events.OutboundEvent.Kind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code {"event": ..., "data": ...}} messages of docs/API.md, from live events or from stored jobs and lines (replay). */
final class EventMessages {
    static final String STARTED = "optimization:started";
    static final String LOG = "optimization:log";
    static final String PROGRESS = "optimization:progress";
    static final String METRIC = "optimization:metric";
    static final String COMPLETED = "optimization:completed";
    static final String FAILED = "optimization:failed";
    static final String LAGGED = "optimization:lagged";
    static final String BATCH = "optimization:batch";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventMessages() {
    }

    static OutboundEvent started(JobStarted e) {
        return started(e.jobId(), e.modelType().name(), e.modelName(), e.timestamp(), e.modelType(), e.runtime());
    }

    static OutboundEvent started(Job job) {
        JobModel model = job.model();
        return started(job.id(), model.type().name(), model.name(), job.times().startedAt(), model.type(),
                job.placement().runtime());
    }

    private static OutboundEvent started(String jobId, String type, String modelName, Instant at,
                                         ModelType modelType, com.sandboxopt.core.RuntimeKind runtime) {
        Map<String, Object> data = data(jobId, type);
        data.put("modelName", modelName);
        data.put("timestamp", time(at));
        data.put("runtime", runtime.wireName());
        return new OutboundEvent(Kind.STARTED, jobId, modelType, 0, message(STARTED, data));
    }

    /**
     * Written by hand (no maps, no generator): one per line a job prints, on the log writer's thread while clients
     * watch. The text is what Jackson writes for the same fields; lines stamped alike share their timestamp's text.
     */
    static OutboundEvent log(LogEvent e) {
        String message = e.message();
        String prefix = prefixOf(e.jobId(), e.modelType());
        StringBuilder json = new StringBuilder(prefix.length() + message.length() + 90);
        json.append(prefix).append(e.seq()).append(",\"level\":\"").append(e.level().name()).append("\",\"message\":");
        quoted(json, message);
        json.append(",\"timestamp\":").append(timestampJson(e.timestamp())).append("}}");
        return new OutboundEvent(Kind.LOG, e.jobId(), e.modelType(), e.seq(), json.toString());
    }

    /** A job's lines start alike, up to their seq: the text is kept for the job whose lines come now. */
    private record Prefix(String jobId, ModelType type, String json) {
    }

    private static volatile Prefix lastPrefix = new Prefix("", ModelType.DMO, "");

    private static String prefixOf(String jobId, ModelType type) {
        Prefix last = lastPrefix;
        if (!last.jobId().equals(jobId) || last.type() != type) {
            StringBuilder json = new StringBuilder(100).append("{\"event\":\"").append(LOG).append("\",\"data\":{\"jobId\":");
            quoted(json, jobId);
            json.append(",\"modelType\":\"").append(type.name()).append("\",\"seq\":");
            last = new Prefix(jobId, type, json.toString());
            lastPrefix = last;
        }
        return last.json();
    }

    /** The last timestamp written and its JSON text: the lines of one write share it. */
    private record Stamp(Instant at, String json) {
    }

    private static volatile Stamp lastStamp = new Stamp(Instant.EPOCH, "\"" + Instant.EPOCH + "\"");

    private static String timestampJson(Instant at) {
        if (at == null) {
            return "null";
        }
        Stamp last = lastStamp;
        if (!at.equals(last.at())) {
            last = new Stamp(at, "\"" + at + "\"");
            lastStamp = last;
        }
        return last.json();
    }

    /** A JSON string: as is when nothing in it needs escaping (the usual line), else escaped as Jackson does. */
    private static void quoted(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
                return;
            }
        }
        json.append('"').append(text).append('"');
    }

    static OutboundEvent log(Job job, LogLine line) {
        return log(new LogEvent(job.id(), job.model().type(), line.seq(), line.level(), line.message(),
                line.timestamp()));
    }

    static OutboundEvent progress(ProgressEvent e) {
        Map<String, Object> data = data(e.jobId(), e.modelType().name());
        data.put("fraction", e.fraction());
        data.put("message", e.message());
        data.put("timestamp", time(e.timestamp()));
        return new OutboundEvent(Kind.PROGRESS, e.jobId(), e.modelType(), 0, message(PROGRESS, data));
    }

    static OutboundEvent metric(MetricEvent e) {
        Map<String, Object> data = data(e.jobId(), e.modelType().name());
        data.put("name", e.name());
        data.put("value", Double.isFinite(e.value()) ? e.value() : String.valueOf(e.value()));
        data.put("step", e.step());
        data.put("timestamp", time(e.timestamp()));
        return new OutboundEvent(Kind.METRIC, e.jobId(), e.modelType(), 0, message(METRIC, data));
    }

    static OutboundEvent completed(JobCompleted e) {
        return ended(e.jobId(), e.modelType(), e.status(), null, e.timestamp());
    }

    static OutboundEvent failed(JobFailed e) {
        return ended(e.jobId(), e.modelType(), e.status(), e.error(), e.timestamp());
    }

    /** The completed or failed event of a job that has already ended. */
    static OutboundEvent ended(Job job) {
        return ended(job.id(), job.model().type(), job.status(), job.error(), job.times().finishedAt());
    }

    private static OutboundEvent ended(String jobId, ModelType type, JobStatus status,
                                       String error, Instant at) {
        Map<String, Object> data = data(jobId, type.name());
        data.put("status", status.wireName());
        if (status != JobStatus.SUCCESS) {
            data.put("error", error);
        }
        data.put("timestamp", time(at));
        return new OutboundEvent(Kind.ENDED, jobId, type, 0,
                message(status == JobStatus.SUCCESS ? COMPLETED : FAILED, data));
    }

    static String lagged(long dropped, Map<String, Long> lastSeqByJob) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dropped", dropped);
        data.put("lastSeq", lastSeqByJob);
        data.put("hint", "You read too slowly and missed events; subscribe with jobId and afterSeq to replay the lines");
        data.put("timestamp", time(Instant.now()));
        return message(LAGGED, data);
    }

    /** Several messages as one: {@code {"event": "optimization:batch", "data": {"events": [message, ...]}}}, in order. */
    static String batch(List<String> messages) {
        StringBuilder json = new StringBuilder(messages.stream().mapToInt(String::length).sum() + messages.size() + 64);
        json.append("{\"event\":\"").append(BATCH).append("\",\"data\":{\"events\":[");
        for (int i = 0; i < messages.size(); i++) {
            json.append(i == 0 ? "" : ",").append(messages.get(i)); // each is already a JSON object
        }
        return json.append("]}}").toString();
    }

    /** A message's event name and its data's JSON text. */
    record Parts(String event, String data) {
        boolean ended() {
            return event.equals(COMPLETED) || event.equals(FAILED);
        }

        boolean started() {
            return event.equals(STARTED);
        }

        boolean lagged() {
            return event.equals(LAGGED);
        }

        /** A log line's seq (its data has {@code "seq":N} right after the job and the type), 0 for other events. */
        long seq() {
            if (!event.equals(LOG)) {
                return 0;
            }
            int at = data.indexOf("\"seq\":") + "\"seq\":".length();
            int end = at;
            while (end < data.length() && Character.isDigit(data.charAt(end))) {
                end++;
            }
            return Long.parseLong(data, at, end, 10);
        }
    }

    /**
     * Takes a message of this class apart without parsing it: every message is {@code {"event":"NAME","data":DATA}}
     * in that order (written by hand for lines, from ordered maps otherwise), and names need no escaping.
     */
    static Parts parts(String message) {
        String head = "{\"event\":\"";
        int nameEnd = message.indexOf('"', head.length());
        if (!message.startsWith(head) || nameEnd < 0 || !message.startsWith(",\"data\":", nameEnd + 1)) {
            throw new IllegalArgumentException("Not an event message: " + message);
        }
        int dataStart = nameEnd + 1 + ",\"data\":".length();
        return new Parts(message.substring(head.length(), nameEnd), message.substring(dataStart, message.length() - 1));
    }

    static String reply(String event, Map<String, Object> data) {
        return message(event, data);
    }

    static String error(String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", error);
        return message("error", data);
    }

    private static Map<String, Object> data(String jobId, String modelType) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", jobId);
        data.put("modelType", modelType);
        return data;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String message(String event, Map<String, Object> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", event);
        message.put("data", data);
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event " + event, e);
        }
    }
}
