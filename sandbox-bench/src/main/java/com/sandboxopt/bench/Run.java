package com.sandboxopt.bench;

/**
 * One timed job: ours (a sandbox job, {@code jobId} set) or CPython (a subprocess, {@code jobId} null).
 * Times are milliseconds from submit; {@code inProcessMs} is what CPython's own clock saw (NaN when unknown).
 */
record Run(String jobId, double firstLineMs, double doneMs, long lines, boolean ok, String error, double inProcessMs) {
}
