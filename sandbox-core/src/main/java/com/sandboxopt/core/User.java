package com.sandboxopt.core;

import java.time.Instant;

/**
 * Someone who signs in: a name, a role, and whether they may sign in at all.
 *
 * @param username           unique, 1-64 letters, digits, {@code .}, {@code _} or {@code -}
 * @param role               what they may do
 * @param enabled            false: no password, token or session of theirs is accepted
 * @param mustChangePassword true for a password someone else chose (e.g. the generated first admin's): until they
 *                           choose their own, they may only change it and sign out
 * @param createdAt          when the user was created
 * @param updatedAt          when its role, state or password last changed
 */
public record User(String username, Role role, boolean enabled, boolean mustChangePassword, Instant createdAt,
                   Instant updatedAt) {
}
