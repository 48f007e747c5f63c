package com.sandboxopt.core;

import java.time.Instant;

/**
 * A personal API token as it is listed: everything but its secret, which is shown once, when it is created
 * ({@link IssuedToken}), and kept only as a hash.
 *
 * @param id         what names it for revoking, e.g. {@code tok_4f1c2a9b0d3e}
 * @param username   whose it is; it acts with that user's role
 * @param name       what its owner called it (e.g. {@code nightly-export})
 * @param createdAt  when it was created
 * @param expiresAt  when it stops working; null: never
 * @param lastUsedAt when it was last accepted (to the minute); null: never
 */
public record ApiToken(String id, String username, String name, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt) {
}
