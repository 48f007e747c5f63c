package com.sandboxopt.core;

import java.time.Instant;

/**
 * A firing that started no job, and why (the previous job still ran, the firing was missed, the model is archived).
 *
 * @param scheduledFor the fire time
 * @param reason       what kept it from running, for a person to read
 * @param recordedAt   when it was recorded
 */
public record ScheduleSkip(Instant scheduledFor, String reason, Instant recordedAt) {
}
