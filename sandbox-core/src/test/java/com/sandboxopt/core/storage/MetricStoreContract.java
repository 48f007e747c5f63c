package com.sandboxopt.core.storage;

import static com.sandboxopt.core.storage.StorageFixtures.T0;
import static com.sandboxopt.core.storage.StorageFixtures.aJob;
import static com.sandboxopt.core.storage.StorageFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.Metric;
import com.sandboxopt.core.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link MetricStore} must do: a job's metric points, in order. */
public interface MetricStoreContract extends StorageContractSupport {

    @Test
    default void keepsAJobsMetricsInSeqOrder() {
        Model model = aModel().build();
        storage().insertModel(model, "x = 1\n");
        Job job = aJob(model.id()).build();
        storage().insertJob(job);
        storage().appendMetrics(List.of(new Metric(job.id(), 1, "objective", 66_393_090.5, 1L, T0),
                new Metric(job.id(), 2, "gap", 1e-9, null, T0.plusNanos(1_000))));
        storage().appendMetrics(List.of(new Metric(job.id(), 3, "objective", -12.75, 2L, T0.plusSeconds(1))));

        assertThat(storage().readMetrics(job.id())).containsExactly(
                new Metric(job.id(), 1, "objective", 66_393_090.5, 1L, T0),
                new Metric(job.id(), 2, "gap", 1e-9, null, T0.plusNanos(1_000)),
                new Metric(job.id(), 3, "objective", -12.75, 2L, T0.plusSeconds(1)));
        assertThat(storage().readMetrics("no-such-job")).isEmpty();
    }
}
