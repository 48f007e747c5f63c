package com.sandboxopt.core.internal.runtime.cpython;

import java.io.IOException;

/** The guest wrote something on its channel that is not the protocol: the job fails, the host reads no more. */
final class ChannelException extends IOException {
    ChannelException(String message) {
        super(message);
    }
}
