package com.sandboxopt.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do, each role including the ones before it: a viewer reads and follows, an analyst also uploads,
 * runs and manages what it owns, an admin does everything, including users and other people's jobs.
 */
public enum Role {
    VIEWER, ANALYST, ADMIN;

    /** The name on the wire and in the database: {@code viewer}, {@code analyst}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /**
     * The role of a wire name.
     *
     * @throws SandboxException INVALID_ARGUMENT naming the roles there are
     */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Unknown role '" + name + "': use one of "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
