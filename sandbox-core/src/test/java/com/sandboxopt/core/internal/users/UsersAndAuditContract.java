package com.sandboxopt.core.internal.users;

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
import com.sandboxopt.core.internal.storage.JdbcStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, credentials and the audit trail on a real database; each subclass names one. */
abstract class UsersAndAuditContract {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private JdbcStorage storage;
    private UserService users;
    private AuditTrail audit;

    /** A new, empty database's storage. */
    protected abstract JdbcStorage openStorage();

    /** Its connections, to try what the code never does. */
    protected abstract DataSource connections();

    @BeforeEach
    void open() {
        storage = openStorage();
        users = new UserService(storage.teamTables(), clock);
        audit = new AuditTrail(storage.teamTables().audit(), clock);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void createsFindsAndChecksPasswordsOfUsers() {
        assertThat(users.any()).isFalse();
        User anna = users.create("anna", "correct horse", Role.ANALYST, false);
        assertThat(anna.enabled()).isTrue();
        assertThat(users.any()).isTrue();
        assertThat(users.find("anna")).contains(anna);
        assertThat(users.checkPassword("anna", "correct horse")).map(User::username).contains("anna");
        assertThat(users.checkPassword("anna", "wrong horse")).isEmpty();
        assertThat(users.checkPassword("nobody", "correct horse")).isEmpty();
        users.create("bob", "battery staple", Role.VIEWER, true);
        assertThat(users.list()).extracting(User::username).containsExactly("anna", "bob");
    }

    @Test
    void refusesBadNamesPasswordsAndDuplicates() {
        users.create("anna", "correct horse", Role.ANALYST, false);
        assertThatThrownBy(() -> users.create("anna", "another one", Role.VIEWER, false))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_EXISTS));
        assertThatThrownBy(() -> users.create("<b>x</b>", "correct horse", Role.VIEWER, false))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.getMessage()).contains("letters, digits"));
        assertThatThrownBy(() -> users.create("carl", "short", Role.VIEWER, false))
                .hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> users.create("carl", "x".repeat(73), Role.VIEWER, false))
                .hasMessageContaining("at most 72 bytes");
        assertThatThrownBy(() -> users.create("carlcarl", "CarlCarl", Role.VIEWER, false))
                .hasMessageContaining("must not be the username");
        assertThat(users.list()).extracting(User::username).containsExactly("anna");
    }

    @Test
    void tokensSignInUntilRevokedExpiredOrTheUserIsDisabled() {
        users.create("anna", "correct horse", Role.ANALYST, false);
        IssuedToken forever = users.createToken("anna", "nightly", null);
        IssuedToken soon = users.createToken("anna", "<script>alert(1)</script>", clock.instant().plusSeconds(60));
        assertThat(forever.secret()).startsWith("sbx_").hasSizeGreaterThan(40);
        Optional<SignedIn> signedIn = users.signIn(forever.secret());
        assertThat(signedIn).map(s -> s.user().username()).contains("anna");
        assertThat(signedIn.get().viaToken()).isTrue();
        assertThat(users.tokens("anna")).extracting(t -> t.name())
                .containsExactlyInAnyOrder("nightly", "<script>alert(1)</script>");
        assertThat(users.tokens("anna")).filteredOn(t -> t.name().equals("nightly"))
                .allSatisfy(t -> assertThat(t.lastUsedAt()).isNotNull());

        clock.move(Duration.ofSeconds(61));
        assertThat(users.signIn(soon.secret())).as("expired").isEmpty();
        assertThat(users.signIn(forever.secret())).isPresent();

        users.change("anna", UserChange.none().withEnabled(false));
        assertThat(users.signIn(forever.secret())).as("disabled user").isEmpty();
        users.change("anna", UserChange.none().withEnabled(true));
        assertThat(users.signIn(forever.secret())).isPresent();

        assertThat(users.revokeToken("bob", forever.token().id())).as("someone else's").isFalse();
        assertThat(users.revokeToken("anna", forever.token().id())).isTrue();
        assertThat(users.signIn(forever.secret())).as("revoked").isEmpty();
        assertThat(users.signIn("sbx_made-up")).isEmpty();
        assertThat(users.signIn(forever.secret().substring(0, 20))).isEmpty();
    }

    @Test
    void sessionsEndOnLogoutPasswordChangeAndDeletion() {
        users.create("anna", "correct horse", Role.ADMIN, true);
        IssuedSession first = users.openSession("anna", Duration.ofHours(12));
        IssuedSession second = users.openSession("anna", Duration.ofHours(12));
        assertThat(first.secret()).isNotEqualTo(second.secret());
        assertThat(users.signIn(first.secret())).map(SignedIn::csrfToken).contains(first.csrfToken());
        users.closeSession(first.secret());
        assertThat(users.signIn(first.secret())).isEmpty();
        assertThat(users.signIn(second.secret())).isPresent();

        User changed = users.change("anna", UserChange.none().withPassword("a new secret"));
        assertThat(changed.mustChangePassword()).isFalse();
        assertThat(users.signIn(second.secret())).as("a new password ends the sessions").isEmpty();
        assertThat(users.checkPassword("anna", "a new secret")).isPresent();

        IssuedSession third = users.openSession("anna", Duration.ofMinutes(5));
        clock.move(Duration.ofMinutes(6));
        assertThat(users.signIn(third.secret())).as("expired session").isEmpty();

        IssuedToken token = users.createToken("anna", "t", null);
        assertThat(users.delete("anna")).isTrue();
        assertThat(users.signIn(token.secret())).isEmpty();
        assertThat(users.find("anna")).isEmpty();
    }

    @Test
    void theAuditTrailKeepsEntriesNewestFirstAndFilters() {
        audit.record(AuditEntry.of("anna", "model.upload", "m1", "success", "10.0.0.1", null));
        clock.move(Duration.ofMinutes(1));
        audit.record(AuditEntry.of("bob", "job.cancel", "j1", "denied", "10.0.0.2", "not theirs"));
        clock.move(Duration.ofMinutes(1));
        AuditEntry last = audit.record(AuditEntry.of("anna", "job.execute", "j2", "success", "10.0.0.1", null));
        assertThat(last.id()).isPositive();
        assertThat(last.at()).isEqualTo(clock.instant());

        assertThat(audit.find(AuditQuery.latest(10))).extracting(AuditEntry::action)
                .containsExactly("job.execute", "job.cancel", "model.upload");
        assertThat(audit.find(new AuditQuery("anna", null, null, 10))).extracting(AuditEntry::target)
                .containsExactly("j2", "m1");
        assertThat(audit.find(new AuditQuery(null, "job", null, 10))).extracting(AuditEntry::target)
                .containsExactly("j2", "j1");
        assertThat(audit.find(new AuditQuery(null, null, clock.instant().minusSeconds(90), 10)))
                .extracting(AuditEntry::target).containsExactly("j2", "j1");
        assertThat(audit.find(AuditQuery.latest(1))).hasSize(1);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnAuditEntry() throws SQLException {
        audit.record(AuditEntry.of("anna", "login", "anna", "success", "10.0.0.1", null));
        try (Connection connection = connections().getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_entry SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        List<AuditEntry> entries = audit.find(AuditQuery.latest(10));
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("anna"));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
