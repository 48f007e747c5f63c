package com.sandboxopt.server.api.wire;

import com.sandboxopt.core.ApiToken;

/** A personal API token as listed: everything but the secret. */
public record ApiTokenJson(String id, String name, String createdAt, String expiresAt, String lastUsedAt) {
    public static ApiTokenJson of(ApiToken token) {
        return new ApiTokenJson(token.id(), token.name(), Times.iso(token.createdAt()), Times.iso(token.expiresAt()),
                Times.iso(token.lastUsedAt()));
    }
}
