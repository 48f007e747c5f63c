package com.sandboxopt.core.internal.storage;

/** What users, their credentials and the audit trail keep in the sandbox's database. */
public record TeamTables(UserTable users, CredentialTable credentials, AuditTable audit) {
    static TeamTables of(Jdbc jdbc) {
        return new TeamTables(new UserTable(jdbc), new CredentialTable(jdbc), new AuditTable(jdbc));
    }
}
