package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.ApiToken;
import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.IssuedSession;
import com.sandboxopt.core.IssuedToken;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.SandboxException;
import com.sandboxopt.core.SignedIn;
import com.sandboxopt.core.User;
import com.sandboxopt.core.UserChange;
import com.sandboxopt.core.Users;
import com.sandboxopt.core.internal.storage.CredentialTable;
import com.sandboxopt.core.internal.storage.TeamTables;
import com.sandboxopt.core.internal.storage.UserTable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users, tokens and sessions in the sandbox's database. */
public final class UserService implements Users {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String TOKEN_PREFIX = "sbx_";
    static final String SESSION_PREFIX = "sbs_";
    /** A credential's last use is written at most this often, so a busy script costs no write per request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final UserTable users;
    private final CredentialTable credentials;
    private final Passwords passwords = new Passwords();
    private final Clock clock;

    public UserService(TeamTables tables, Clock clock) {
        this.users = tables.users();
        this.credentials = tables.credentials();
        this.clock = clock;
        credentials.deleteExpired(clock.instant().minus(Duration.ofDays(1)));
    }

    @Override
    public User create(String username, String password, Role role, boolean mustChangePassword) {
        checkUsername(username);
        Objects.requireNonNull(role, "role");
        Passwords.check(username, password);
        Instant now = clock.instant();
        User user = new User(username, role, true, mustChangePassword, now, now);
        if (!users.insert(user, passwords.hash(password))) {
            throw new SandboxException(ErrorCode.USER_EXISTS, "A user named '" + username + "' already exists");
        }
        return user;
    }

    @Override
    public Optional<User> find(String username) {
        return username == null ? Optional.empty() : users.find(username).map(UserTable.Row::user);
    }

    @Override
    public List<User> list() {
        return users.list();
    }

    @Override
    public boolean any() {
        return users.any();
    }

    @Override
    public User change(String username, UserChange change) {
        User old = find(username).orElseThrow(() -> notFound(username));
        String hash = null;
        if (change.password() != null) {
            Passwords.check(username, change.password());
            hash = passwords.hash(change.password());
        }
        boolean must = change.mustChangePassword() != null ? change.mustChangePassword()
                : change.password() == null && old.mustChangePassword();
        User changed = new User(username, change.role() != null ? change.role() : old.role(),
                change.enabled() != null ? change.enabled() : old.enabled(), must, old.createdAt(), clock.instant());
        if (!users.update(changed, hash)) {
            throw notFound(username);
        }
        if (!changed.enabled() || hash != null) {
            credentials.deleteSessions(username);
        }
        return changed;
    }

    @Override
    public boolean delete(String username) {
        return username != null && users.delete(username);
    }

    @Override
    public Optional<User> checkPassword(String username, String password) {
        Optional<UserTable.Row> row = username == null ? Optional.empty() : users.find(username);
        if (row.isEmpty()) {
            passwords.decoyCheck(password);
            return Optional.empty();
        }
        boolean right = passwords.matches(password, row.get().passwordHash());
        return right && row.get().user().enabled() ? Optional.of(row.get().user()) : Optional.empty();
    }

    @Override
    public IssuedToken createToken(String username, String name, Instant expiresAt) {
        find(username).orElseThrow(() -> notFound(username));
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "A token needs a name of 1-255 characters");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The token's expiry " + expiresAt
                    + " is not in the future");
        }
        String secret = Secrets.newSecret(TOKEN_PREFIX);
        CredentialTable.Row row = new CredentialTable.Row(Secrets.newId("tok_"), username, CredentialTable.TOKEN,
                name.strip(), null, now, expiresAt, null);
        credentials.insert(row, Secrets.hash(secret));
        return new IssuedToken(row.asToken(), secret);
    }

    @Override
    public List<ApiToken> tokens(String username) {
        return credentials.list(username, CredentialTable.TOKEN).stream().map(CredentialTable.Row::asToken).toList();
    }

    @Override
    public boolean revokeToken(String username, String tokenId) {
        return credentials.delete(username, CredentialTable.TOKEN, tokenId);
    }

    @Override
    public IssuedSession openSession(String username, Duration lifetime) {
        find(username).orElseThrow(() -> notFound(username));
        Instant now = clock.instant();
        String secret = Secrets.newSecret(SESSION_PREFIX);
        String csrf = Secrets.newSecret("");
        Instant expires = now.plus(lifetime);
        credentials.insert(new CredentialTable.Row(Secrets.newId("ses_"), username, CredentialTable.SESSION, "page",
                csrf, now, expires, now), Secrets.hash(secret));
        return new IssuedSession(secret, csrf, expires);
    }

    @Override
    public void closeSession(String secret) {
        if (secret != null && secret.startsWith(SESSION_PREFIX)) {
            credentials.deleteBySecretHash(Secrets.hash(secret));
        }
    }

    @Override
    public Optional<SignedIn> signIn(String secret) {
        if (secret == null || !(secret.startsWith(TOKEN_PREFIX) || secret.startsWith(SESSION_PREFIX))) {
            return Optional.empty();
        }
        Optional<CredentialTable.Row> found = credentials.findBySecretHash(Secrets.hash(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CredentialTable.Row row = found.get();
        Instant now = clock.instant();
        if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        Optional<User> user = find(row.username()).filter(User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (row.lastUsedAt() == null || row.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
            credentials.touch(row.id(), now);
        }
        boolean token = CredentialTable.TOKEN.equals(row.kind());
        return Optional.of(new SignedIn(user.get(), token, token ? null : row.csrfToken()));
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "A username has 1-64 characters: letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit; '" + username + "' is not one");
        }
    }

    private static SandboxException notFound(String username) {
        return new SandboxException(ErrorCode.USER_NOT_FOUND, "No user named '" + username + "'");
    }
}
