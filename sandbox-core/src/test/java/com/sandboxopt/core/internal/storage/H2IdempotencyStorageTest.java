package com.sandboxopt.core.internal.storage;

import com.sandboxopt.core.storage.IdempotencyStorage;
import com.sandboxopt.core.storage.IdempotencyStorageContract;
import java.util.UUID;

class H2IdempotencyStorageTest extends IdempotencyStorageContract {
    private JdbcStorage storage;

    @Override
    protected IdempotencyStorage createStorage() {
        storage = JdbcStorage.h2InMemory("idempotency-" + UUID.randomUUID());
        return storage.idempotencyKeys();
    }

    @Override
    protected void close() {
        storage.close();
    }
}
