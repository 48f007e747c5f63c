package com.sandboxopt.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The people who use a sandbox, with their passwords (kept as bcrypt hashes), personal API tokens and page sessions
 * (kept as SHA-256 hashes of their secrets). Kept in the sandbox's database, so every node sharing it knows them;
 * a storage of the application's own keeps none (every method then fails with INVALID_ARGUMENT). Thread-safe.
 * Who may call what is the caller's business: these methods check inputs, not roles.
 */
public interface Users {
    /**
     * Creates a user.
     *
     * @throws SandboxException INVALID_ARGUMENT for a bad username or password (the message says which rule),
     *                          USER_EXISTS when the name is taken
     */
    User create(String username, String password, Role role, boolean mustChangePassword);

    Optional<User> find(String username);

    /** Every user, by name. */
    List<User> list();

    /** Whether any user exists (false on a new database). */
    boolean any();

    /**
     * Changes a user; disabling it or changing its password ends its page sessions (its tokens stay, refused while
     * it is disabled).
     *
     * @throws SandboxException USER_NOT_FOUND, INVALID_ARGUMENT for a bad password
     */
    User change(String username, UserChange change);

    /** Deletes a user with its tokens and sessions; what it owns keeps its name. False when there is no such user. */
    boolean delete(String username);

    /**
     * Checks a password: the user when it is right and the user enabled, else empty (the same time either way, so
     * an unknown name cannot be told from a wrong password by timing).
     */
    Optional<User> checkPassword(String username, String password);

    /**
     * Creates a personal API token.
     *
     * @param expiresAt when it stops working; null: never
     * @throws SandboxException USER_NOT_FOUND; INVALID_ARGUMENT for an empty name or an expiry in the past
     */
    IssuedToken createToken(String username, String name, Instant expiresAt);

    /** A user's tokens, newest first. */
    List<ApiToken> tokens(String username);

    /** Revokes one of a user's tokens: false when that user has no token of that id. */
    boolean revokeToken(String username, String tokenId);

    /** Opens a page session for the user, valid for {@code lifetime}. */
    IssuedSession openSession(String username, Duration lifetime);

    /** Ends the session of this secret, if there is one. */
    void closeSession(String secret);

    /** The enabled user a token or session secret belongs to; empty when it is unknown, expired or revoked. */
    Optional<SignedIn> signIn(String secret);
}
