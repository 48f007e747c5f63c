package com.sandboxopt.server.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sandboxopt.core.RuntimeStatus;
import com.sandboxopt.core.Sandbox;

import java.util.List;

/** A runtime models can run in; {@code reason} only when it cannot run here. */
public record RuntimeJson(String name, boolean available, String version,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public static RuntimeJson of(RuntimeStatus status) {
        return new RuntimeJson(status.name(), status.available(), status.version(), status.reason());
    }

    public static List<RuntimeJson> all(Sandbox sandbox) {
        return sandbox.runtimes().stream().map(RuntimeJson::of).toList();
    }
}
