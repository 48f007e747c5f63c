package com.sandboxopt.core;

/**
 * A token just created, with its secret: the only time the secret is seen. Send it as
 * {@code Authorization: Bearer <secret>}.
 */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=(hidden)]";
    }
}
