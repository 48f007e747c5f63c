package com.sandboxopt.core.internal.queue;

import com.sandboxopt.core.Limits;
import com.sandboxopt.core.internal.models.ModelCatalog;
import com.sandboxopt.core.internal.data.DataCatalog;
import com.sandboxopt.core.internal.runtime.Runtimes;

/**
 * What a queue needs to start jobs: the scheduler, what a node needs to rebuild a job another node accepted, and the
 * users' fair shares.
 */
public record QueueServices(JobScheduler scheduler, ModelCatalog models, DataCatalog data, Limits defaultLimits,
                            Runtimes runtimes, Quotas quotas) {
}
