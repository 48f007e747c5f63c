package com.sandboxopt.core;

/** Fair shares on a sandbox's own queue (H2). */
class LocalFairSharesTest extends FairSharesContract {
    @Override
    protected Sandbox open(int poolSize, int runningPerUser, int queuedPerUser) {
        return Sandbox.builder().dataDirectory(TestSandbox.tempDirectory()).inMemoryDatabase().poolSize(poolSize)
                .quotas(runningPerUser, queuedPerUser).runtimes(RuntimeKind.CPYTHON).build();
    }
}
