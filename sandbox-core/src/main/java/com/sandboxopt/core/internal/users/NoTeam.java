package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.ApiToken;
import com.sandboxopt.core.Audit;
import com.sandboxopt.core.AuditEntry;
import com.sandboxopt.core.AuditQuery;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IssuedSession;
import com.sandboxopt.core.IssuedToken;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.SignedIn;
import com.sandboxopt.core.User;
import com.sandboxopt.core.UserChange;
import com.sandboxopt.core.Users;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users and audit of a storage of the application's own, which keeps neither: reads find nothing, writes fail. */
public final class NoTeam implements Users, Audit {
    private static SandboxException unsupported() {
        return new SandboxException(ErrorCode.INVALID_ARGUMENT, "This sandbox's storage is the application's own: it"
                + " keeps no users and no audit trail (use the built-in H2 or PostgreSQL storage)");
    }

    @Override
    public User create(String username, String password, Role role, boolean mustChangePassword) {
        throw unsupported();
    }

    @Override
    public Optional<User> find(String username) {
        return Optional.empty();
    }

    @Override
    public List<User> list() {
        return List.of();
    }

    @Override
    public boolean any() {
        return false;
    }

    @Override
    public User change(String username, UserChange change) {
        throw unsupported();
    }

    @Override
    public boolean delete(String username) {
        return false;
    }

    @Override
    public Optional<User> checkPassword(String username, String password) {
        return Optional.empty();
    }

    @Override
    public IssuedToken createToken(String username, String name, Instant expiresAt) {
        throw unsupported();
    }

    @Override
    public List<ApiToken> tokens(String username) {
        return List.of();
    }

    @Override
    public boolean revokeToken(String username, String tokenId) {
        return false;
    }

    @Override
    public IssuedSession openSession(String username, Duration lifetime) {
        throw unsupported();
    }

    @Override
    public void closeSession(String secret) {
    }

    @Override
    public Optional<SignedIn> signIn(String secret) {
        return Optional.empty();
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        throw unsupported();
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        return List.of();
    }
}
