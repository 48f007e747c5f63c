package com.sandboxopt.server.api.wire;

/** A token just created: {@code token} is its secret, shown this once. */
public record TokenAnswer(boolean success, String token, ApiTokenJson apiToken) {
    public TokenAnswer(String token, ApiTokenJson apiToken) {
        this(true, token, apiToken);
    }
}
