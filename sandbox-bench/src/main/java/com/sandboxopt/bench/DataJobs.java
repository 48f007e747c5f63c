package com.sandboxopt.bench;

import com.sandboxopt.core.Artifact;
import com.sandboxopt.core.ExecutionRequest;
import com.sandboxopt.core.Job;
import com.sandboxopt.core.JobStatus;
import com.sandboxopt.core.LogLine;
import com.sandboxopt.core.LogQuery;
import com.sandboxopt.core.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the data section runs its jobs: one at a time, back to back, the cases of a part taking turns, each job
 * timed by its own start to end, and every warm-up job checked for what it printed and the artifact it left.
 */
final class DataJobs {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private DataJobs() {
    }

    /**
     * One kind of job: the request, the last line it must print, and the artifact it must leave (null:
     * none); both are checked on every warm-up job.
     */
    record Case(ExecutionRequest request, String prints, String artifact) {
    }

    /** Rounds of one job per case, back to back, the order rotated each round; each case's measured times (ms). */
    static List<List<Double>> interleaved(Sandbox sandbox, List<Case> cases) {
        List<List<Double>> ms = new ArrayList<>();
        cases.forEach(c -> ms.add(new ArrayList<>()));
        for (int i = 0; i < DataSection.WARM_UP_JOBS + DataSection.MEASURED_JOBS; i++) {
            boolean measured = i >= DataSection.WARM_UP_JOBS;
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < cases.size(); k++) {
                order.add(k);
            }
            Collections.rotate(order, -(i % cases.size()));
            for (int k : order) {
                Case one = cases.get(k);
                Job job = sandbox.jobs().execute(one.request()).await(JOB_TIMEOUT);
                // The job's own start to end: placing its data and keeping its output are inside it, while the
                // wait for a prepared context before it starts depends on which job thread takes it.
                double took = OurRunner.millis(job.times().duration().orElseThrow().toNanos());
                if (job.status() != JobStatus.SUCCESS) {
                    throw new IllegalStateException("benchmark job failed (" + job.id() + "): " + job.status().wireName()
                            + ": " + job.error());
                }
                if (!measured) {
                    check(sandbox, job, one);
                }
                DataSection.add(measured, ms.get(k), took);
            }
        }
        return ms;
    }

    private static void check(Sandbox sandbox, Job job, Case expected) {
        List<LogLine> lines = sandbox.jobs().logs(job.id(), LogQuery.all());
        String last = lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1).message().strip();
        if (!last.equals(expected.prints())) {
            throw new IllegalStateException("job " + job.id() + " printed " + last + ", not " + expected.prints());
        }
        List<Artifact> artifacts = sandbox.jobs().artifacts(job.id());
        boolean right = expected.artifact() == null ? artifacts.isEmpty() : artifacts.size() == 1
                && artifacts.get(0).name().equals(expected.artifact()) && artifacts.get(0).sizeBytes() == DataSection.WRITTEN_BYTES;
        if (!right) {
            throw new IllegalStateException("job " + job.id() + " left " + artifacts + ", not " + expected.artifact());
        }
    }
}
