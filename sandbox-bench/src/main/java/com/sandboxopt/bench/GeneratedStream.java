package com.sandboxopt.bench;

import java.io.InputStream;
import java.util.SplittableRandom;

/** {@code length} bytes made from a seed (64 KiB of them, repeated): a file to upload that is never whole anywhere. */
final class GeneratedStream extends InputStream {
    private final byte[] block;
    private long remaining;
    private int position;

    GeneratedStream(long length, long seed) {
        this.block = new byte[(int) Math.min(64 * 1024, Math.max(1, length))];
        new SplittableRandom(seed).nextBytes(block);
        this.remaining = length;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        int value = block[position] & 0xff;
        advance(1);
        return value;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(Math.min(length, remaining), block.length - position);
        System.arraycopy(block, position, into, offset, n);
        advance(n);
        return n;
    }

    private void advance(int n) {
        position = (position + n) % block.length;
        remaining -= n;
    }
}
