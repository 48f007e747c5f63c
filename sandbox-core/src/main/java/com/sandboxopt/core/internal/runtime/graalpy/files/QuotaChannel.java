package com.sandboxopt.core.internal.runtime.graalpy.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A channel into a writable job file that counts every byte the file grows against the quota. */
final class QuotaChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final WriteQuota quota;
    private final String guestPath;

    QuotaChannel(SeekableByteChannel channel, WriteQuota quota, String guestPath) {
        this.channel = channel;
        this.quota = quota;
        this.guestPath = guestPath;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        long sizeBefore = channel.size();
        long growth = channel.position() + source.remaining() - sizeBefore;
        quota.grow(growth, guestPath);
        try {
            return channel.write(source);
        } finally {
            long grown = channel.size() - sizeBefore;
            quota.shrink(Math.max(0, growth) - Math.max(0, grown)); // give back what was reserved but not written
        }
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        long before = channel.size();
        channel.truncate(size);
        quota.shrink(before - channel.size());
        return this;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return channel.read(destination);
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
