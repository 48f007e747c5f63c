package com.sandboxopt.core.internal.users;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Hashes and checks passwords with bcrypt, and says what a password lacks. */
final class Passwords {
    static final int MIN_LENGTH = 8;
    /** bcrypt reads no further than this: longer passwords would be cut silently, so they are refused. */
    static final int MAX_BYTES = 72;

    /** bcrypt's cost: 2^10 rounds, about 60-80 ms a check on these machines. */
    private static final int COST = 10;
    /** Checked against when the user is unknown, so that takes as long as a wrong password. */
    private final String decoy = hash("not a password of anyone");

    String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(COST));
    }

    boolean matches(String password, String hash) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
                && BCrypt.checkpw(password, hash);
    }

    /** Spends the time of a check, for an unknown user. */
    void decoyCheck(String password) {
        BCrypt.checkpw(password == null ? "" : password, decoy);
    }

    static void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The password must have at least " + MIN_LENGTH
                    + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The password may have at most " + MAX_BYTES
                    + " bytes as UTF-8 (bcrypt reads no further)");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The password must not be the username");
        }
    }
}
