package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.storage.SandboxStorage;
import java.util.Optional;

/**
 * A sandbox's storage as opened, with the tables several nodes share when its database keeps them, and the schedules'
 * tables when it is the sandbox's own database.
 */
public record OpenedStorage(SandboxStorage storage, Optional<SharedTables> shared,
                            Optional<ScheduleTables> schedules, Optional<TeamTables> team) {

    public static OpenedStorage of(JdbcStorage jdbc) {
        return new OpenedStorage(jdbc, jdbc.shared(), Optional.of(jdbc.scheduleTables()),
                Optional.of(jdbc.teamTables()));
    }

    /** A storage of the application's: a database of its own as far as the sandbox knows, without schedules or users. */
    public static OpenedStorage custom(SandboxStorage storage) {
        return new OpenedStorage(storage, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
