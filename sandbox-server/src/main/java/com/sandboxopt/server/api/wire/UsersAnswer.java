package com.sandboxopt.server.api.wire;

import java.util.List;

/** Every user, by name. */
public record UsersAnswer(boolean success, List<UserJson> users) {
    public UsersAnswer(List<UserJson> users) {
        this(true, users);
    }
}
