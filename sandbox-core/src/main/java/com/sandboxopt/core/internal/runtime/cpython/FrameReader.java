package com.sandboxopt.core.internal.runtime.cpython;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from the guest. Nothing the guest sends is trusted: an unknown kind or a length
 * past the limit is a {@link ChannelException}, read no further.
 */
final class FrameReader {
    static final String GUEST_KINDS = "ROELPMSQX";

    private final DataInputStream in;
    private final int maxPayloadBytes;
    private final byte endKind;

    /** @param endKind the kind of the host's own end-of-channel frame, which the guest cannot know */
    FrameReader(InputStream in, int maxPayloadBytes, byte endKind) {
        // Buffered: a read takes whatever the pipe holds (many small frames of a chatty model at once) instead of
        // three reads per frame.
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.maxPayloadBytes = maxPayloadBytes;
        this.endKind = endKind;
    }

    /** The next frame, or null at the end of the channel. */
    Frame next() throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ChannelException("the channel ended inside a frame header");
        }
        if (length < 0 || length > maxPayloadBytes) {
            throw new ChannelException("a frame of " + Integer.toUnsignedString(length) + " bytes is larger than the "
                    + maxPayloadBytes + " allowed");
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new ChannelException("the channel ended inside a frame");
        }
        if ((byte) kind == endKind) {
            return new Frame((byte) kind, payload);
        }
        if (GUEST_KINDS.indexOf(kind) < 0) {
            throw new ChannelException("unknown frame kind " + kind);
        }
        return new Frame((byte) kind, payload);
    }
}
