package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parts of a multipart body one after the other, for a controller on a blocking thread: each
 * part is asked for only once the one before it has been taken, so the body arrives at the pace the
 * controller reads it. With the server's multipart settings (on disk, see ServerDefaults) a file
 * part's bytes wait in a temporary file, never in the heap. Close it to give back what was not taken.
 */
final class MultipartParts implements Subscriber<CompletedPart>, AutoCloseable {
    /** Longest wait for the next part; the server's idle timeout closes a stalled connection before. */
    private static final long WAIT_MINUTES = 30;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;
    private volatile boolean ended;

    private MultipartParts() {
    }

    static MultipartParts of(Publisher<CompletedPart> body) {
        MultipartParts parts = new MultipartParts();
        body.subscribe(parts);
        return parts;
    }

    /** The next part, or null after the last; a body that broke off (too large, connection lost) throws. */
    CompletedPart next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.poll(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The upload was interrupted");
        }
        if (item == null) {
            ended = true;
            cancel();
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The upload stalled: no part arrived for " + WAIT_MINUTES + " minutes");
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Failure failure) {
            ended = true;
            if (failure.error() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure.error().getMessage(), failure.error());
        }
        subscription.request(1);
        return (CompletedPart) item;
    }

    /**
     * A text field's value as UTF-8, at most {@code maxChars} characters long. Read whole: only
     * {@code getBytes} gives a field's buffer back (its stream frees the bytes but not the field's
     * temporary file); the request size limit bounds it.
     */
    static String text(CompletedPart part, int maxChars) throws IOException {
        String value = new String(part.getBytes(), StandardCharsets.UTF_8);
        if (value.length() > maxChars) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "The field '" + part.getName() + "' is longer than " + maxChars + " characters");
        }
        return value;
    }

    /** Frees a part's bytes (a temporary file, or a buffer) without reading them. */
    static void discard(CompletedPart part) {
        try {
            if (part instanceof CompletedFileUpload file) {
                file.discard();
            } else {
                part.getBytes(); // releases the field (its stream would leave its temporary file behind)
            }
        } catch (IOException | RuntimeException ignored) {
            // already released
        }
    }

    /**
     * Reads the rest of the body, freeing each part, so that the client that sent it gets the answer
     * (rather than a connection closed under it while it is still sending); errors are ignored.
     */
    void drain() {
        try {
            CompletedPart part;
            while ((part = next()) != null) {
                discard(part);
            }
        } catch (RuntimeException ignored) {
            // the body broke off: nothing more to read
        }
    }

    /** Stops the body and frees every part that arrived but was not taken. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            cancel();
        }
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof CompletedPart part) {
                discard(part);
            }
        }
    }

    private void cancel() {
        Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(CompletedPart part) {
        queue.add(part);
        if (ended) { // closed meanwhile: nobody takes it
            close();
        }
    }

    @Override
    public void onError(Throwable error) {
        queue.add(new Failure(error));
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private record Failure(Throwable error) {
    }
}
