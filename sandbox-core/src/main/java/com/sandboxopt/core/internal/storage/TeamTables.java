package com.sandboxopt.core.internal.storage;

/**
 * What a team's work keeps in the sandbox's database beyond models and jobs: users, their credentials, the audit
 * trail, and experiments.
 */
public record TeamTables(UserTable users, CredentialTable credentials, AuditTable audit, ExperimentTable experiments) {
    static TeamTables of(Jdbc jdbc) {
        return new TeamTables(new UserTable(jdbc), new CredentialTable(jdbc), new AuditTable(jdbc),
                new ExperimentTable(jdbc));
    }
}
