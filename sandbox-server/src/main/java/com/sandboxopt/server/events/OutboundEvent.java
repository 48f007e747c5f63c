package com.sandboxopt.server.events;

import com.sandboxopt.core.ModelType;

/**
 * One event ready to send: its JSON text (serialized once for every client) plus what
 * subscriptions filter and replay need. {@code seq} is the log line's seq, 0 for other kinds.
 */
record OutboundEvent(Kind kind, String jobId, ModelType modelType, long seq, String json) {
    enum Kind { STARTED, LOG, PROGRESS, METRIC, ENDED }
}
