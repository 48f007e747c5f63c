package com.sandboxopt.server.api.wire;

import java.util.List;

/** The caller's tokens, newest first. */
public record TokensAnswer(boolean success, List<ApiTokenJson> tokens) {
    public TokensAnswer(List<ApiTokenJson> tokens) {
        this(true, tokens);
    }
}
