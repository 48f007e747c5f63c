package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The runtimes of this server and the one an upload without a runtime field gets. */
public record RuntimesAnswer(boolean success, List<RuntimeJson> runtimes,
                             @JsonProperty("default") String defaultRuntime) {
    public RuntimesAnswer(List<RuntimeJson> runtimes, String defaultRuntime) {
        this(true, runtimes, defaultRuntime);
    }
}
