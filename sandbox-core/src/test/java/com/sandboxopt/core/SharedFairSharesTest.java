package com.sandboxopt.core;

import com.sandboxopt.core.testing.TestPostgres;

/** Fair shares on the queue nodes share on PostgreSQL: the claim takes users in turn and counts running jobs there. */
class SharedFairSharesTest extends FairSharesContract {
    @Override
    protected Sandbox open(int poolSize, int runningPerUser, int queuedPerUser) {
        TestPostgres.Database database = TestPostgres.get().newDatabase();
        return Sandbox.builder().dataDirectory(TestSandbox.tempDirectory())
                .database(database.url(), database.user(), database.password()).nodeId("fair-" + poolSize)
                .poolSize(poolSize).quotas(runningPerUser, queuedPerUser).runtimes(RuntimeKind.CPYTHON).build();
    }
}
