package com.sandboxopt.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sandboxopt.core.ModelType;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.server.config.SandboxSettings;
import com.sandboxopt.server.events.ClientConnection;
import com.sandboxopt.server.events.EventHub;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import jakarta.inject.Named;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code /ws/optimization}: job events as {@code {"event": ..., "data": ...}}. Clients send
 * {@code {"action": "subscribe" | "unsubscribe", "modelType"?, "jobId"?, "afterSeq"?}}; anything
 * else gets an {@code error} message back and the connection stays open. A client that connects
 * with {@code ?batch=true} may get several events as one {@code optimization:batch} message.
 */
@ServerWebSocket("/ws/optimization")
public class OptimizationSocket {
    private static final String CONNECTION = "sandbox.connection";

    private final Sandbox sandbox;
    private final EventHub hub;
    private final ExecutorService blocking;
    private final ObjectMapper mapper;
    private final int queueCapacity;

    public OptimizationSocket(Sandbox sandbox, EventHub hub, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                              ObjectMapper mapper, SandboxSettings settings) {
        this.sandbox = sandbox;
        this.hub = hub;
        this.blocking = blocking;
        this.mapper = mapper;
        this.queueCapacity = settings.websocketQueue();
    }

    @OnOpen
    public void open(WebSocketSession session) {
        boolean batch = session.getRequestParameters().get("batch", String.class).map("true"::equalsIgnoreCase).orElse(false);
        ClientConnection connection = new ClientConnection(sandbox, blocking, text -> session.sendAsync(textFrame(text)),
                queueCapacity, batch);
        session.put(CONNECTION, connection);
        hub.register(connection);
    }

    /**
     * A text frame of the message's UTF-8 bytes: String.getBytes encodes a batch of a chatty job's lines in a
     * fraction of the time Netty's own encoding of a String takes (char by char).
     */
    private static TextWebSocketFrame textFrame(String text) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    @OnMessage
    public void message(String text, WebSocketSession session) {
        ClientConnection connection = session.get(CONNECTION, ClientConnection.class).orElse(null);
        if (connection == null) {
            return;
        }
        try {
            handle(connection, text);
        } catch (SandboxException | IllegalArgumentException e) {
            connection.send(errorJson(e.getMessage(), text));
        }
    }

    @OnClose
    public void close(WebSocketSession session) {
        session.get(CONNECTION, ClientConnection.class).ifPresent(connection -> {
            hub.unregister(connection);
            connection.close();
        });
    }

    private void handle(ClientConnection connection, String text) {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("Messages must be JSON like {\"action\": \"subscribe\", \"modelType\": \"DMO\"}");
        }
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("Messages must be JSON objects like {\"action\": \"subscribe\"}");
        }
        String action = message.path("action").asText("");
        boolean subscribe = action.equals("subscribe");
        if (!subscribe && !action.equals("unsubscribe")) {
            throw new IllegalArgumentException("Unknown action '" + action + "': use subscribe or unsubscribe");
        }
        String jobId = optionalText(message, "jobId");
        String typeText = optionalText(message, "modelType");
        ModelType type = typeText == null ? null : ModelType.parse(typeText);
        Map<String, Object> ack = new LinkedHashMap<>();
        if (jobId != null) {
            ack.put("jobId", jobId);
        } else if (type != null) {
            ack.put("modelType", type.name());
        } else {
            ack.put("all", true);
        }
        String ackEvent = subscribe ? "subscribed" : "unsubscribed";
        if (subscribe && jobId != null) {
            long afterSeq = afterSeq(message);
            ack.put("afterSeq", afterSeq);
            connection.subscribeJob(jobId, afterSeq, reply(ackEvent, ack));
            return;
        }
        if (subscribe) {
            if (type != null) {
                connection.subscribeType(type);
            } else {
                connection.subscribeAll();
            }
        } else if (jobId != null) {
            connection.unsubscribeJob(jobId);
        } else if (type != null) {
            connection.unsubscribeType(type);
        } else {
            connection.unsubscribeAll();
        }
        connection.send(reply(ackEvent, ack));
    }

    private static long afterSeq(JsonNode message) {
        JsonNode value = message.get("afterSeq");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException("afterSeq must be a whole number of 0 or more");
        }
        return value.asLong();
    }

    private static String optionalText(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private String reply(String event, Map<String, Object> data) {
        try {
            return mapper.writeValueAsString(Map.of("event", event, "data", data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String errorJson(String error, String received) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", error);
        data.put("received", received.length() > 200 ? received.substring(0, 200) + "..." : received);
        return reply("error", data);
    }
}
