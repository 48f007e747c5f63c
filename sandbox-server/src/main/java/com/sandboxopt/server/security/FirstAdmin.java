package com.sandboxopt.server.security;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.Role;
import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxException;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The first start with security on and no user creates {@code admin}: with {@code sandbox.security.admin-password}
 * when set, else with a generated password that the start banner prints once and that must be changed at the first
 * sign-in. Several nodes starting together create one: the others find the name taken.
 */
@Singleton
public final class FirstAdmin {
    public static final String USERNAME = "admin";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final SecuritySettings settings;

    FirstAdmin(SecuritySettings settings) {
        this.settings = settings;
    }

    /** Creates the first admin when security is on and there is no user; its generated password, if it made one. */
    public Optional<String> ensure(Sandbox sandbox) {
        if (!settings.enabled() || sandbox.users().any()) {
            return Optional.empty();
        }
        boolean generated = settings.adminPassword() == null || settings.adminPassword().isBlank();
        String password = generated ? generate() : settings.adminPassword();
        try {
            sandbox.users().create(USERNAME, password, Role.ADMIN, generated);
        } catch (SandboxException e) {
            if (e.code() == ErrorCode.USER_EXISTS) {
                return Optional.empty(); // another node was first
            }
            throw new SandboxException(e.code(), "sandbox.security.admin-password: " + e.getMessage(), e);
        }
        return generated ? Optional.of(password) : Optional.empty();
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
