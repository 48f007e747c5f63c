package com.sandboxopt.server.api.wire;

/** The answer of creating, reading or changing one user. */
public record UserAnswer(boolean success, UserJson user) {
    public UserAnswer(UserJson user) {
        this(true, user);
    }
}
