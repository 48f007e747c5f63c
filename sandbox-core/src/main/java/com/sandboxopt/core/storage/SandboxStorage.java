package com.sandboxopt.core.storage;

/**
 * Everything a sandbox keeps, one interface per concern: models ({@link ModelStore}), jobs and their lines
 * ({@link JobStore}), data sources and artifacts ({@link DataStore}) and metrics ({@link MetricStore}), and the
 * idempotency keys of requests ({@link IdempotencyStorage}, handed out by {@link #idempotencyKeys()}). The default
 * is H2 over JDBC (PostgreSQL with {@code SandboxBuilder.database}); another back end implements each concern, and
 * the contract tests of each (in this module's tests) tell whether it does so faithfully.
 */
public interface SandboxStorage extends ModelStore, JobStore, DataStore, MetricStore, AutoCloseable {

    /** The idempotency keys of requests, kept where the rest is, so every process sharing this storage sees them. */
    IdempotencyStorage idempotencyKeys();

    /** What and where this storage is, for a start-up banner (e.g. {@code PostgreSQL 15.18 at jdbc:postgresql://...}). */
    String description();

    @Override
    void close();
}
