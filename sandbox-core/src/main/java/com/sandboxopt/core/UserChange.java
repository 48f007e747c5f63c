package com.sandboxopt.core;

/**
 * What to change about a user; a null field stays as it is.
 *
 * @param role               a new role
 * @param enabled            false disables the user (and ends its sessions); true enables it again
 * @param password           a new password (at least 8 characters, at most 72 bytes as UTF-8)
 * @param mustChangePassword whether the user must choose a new password at its next sign-in
 */
public record UserChange(Role role, Boolean enabled, String password, Boolean mustChangePassword) {
    public static UserChange none() {
        return new UserChange(null, null, null, null);
    }

    public UserChange withRole(Role newRole) {
        return new UserChange(newRole, enabled, password, mustChangePassword);
    }

    public UserChange withEnabled(boolean newEnabled) {
        return new UserChange(role, newEnabled, password, mustChangePassword);
    }

    public UserChange withPassword(String newPassword) {
        return new UserChange(role, enabled, newPassword, mustChangePassword);
    }

    public UserChange withMustChangePassword(boolean must) {
        return new UserChange(role, enabled, password, must);
    }
}
