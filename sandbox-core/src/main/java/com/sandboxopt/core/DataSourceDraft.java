package com.sandboxopt.core;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * A data source being uploaded: add its files one after the other (each is streamed to disk while
 * it is checked and hashed, never held in memory), then {@link #commit()}. Closing it without a
 * commit, or any failed step, leaves nothing stored. Not thread-safe; use it from one thread.
 *
 * <pre>{@code
 * try (DataSourceDraft draft = sandbox.dataSources().draft("dmo-market", "offers and bids of 1 Dec")) {
 *     draft.addFile("offers.csv", offersStream);
 *     draft.addFile("bids.csv", bidsStream);
 *     DataSource stored = draft.commit();
 * }
 * }</pre>
 */
public interface DataSourceDraft extends AutoCloseable {

    /**
     * Adds a file read from {@code content} to its end (the stream is not closed). A name with folders
     * is reduced to its last part ({@code C:\x\bids.csv} and {@code ../bids.csv} become {@code bids.csv}).
     *
     * @throws SandboxException INVALID_ARGUMENT for a name that is empty, {@code .}, {@code ..}, has control
     *                          characters or repeats one already added; FILE_TOO_LARGE past the size or file-count
     *                          cap (the draft is then discarded); STORAGE_FAILURE when reading or writing fails
     */
    DataSourceDraft addFile(String fileName, InputStream content);

    DataSourceDraft addFile(String fileName, byte[] content);

    /** The user uploading it, recorded as its owner; none (null) without users. */
    DataSourceDraft owner(String username);

    /** Adds a host file under its own name. */
    DataSourceDraft addFile(Path file);

    /**
     * Stores the data source as the next version of its name and returns it.
     *
     * @throws SandboxException INVALID_ARGUMENT when no file was added
     */
    DataSource commit();

    /** Discards what was added unless it was committed. */
    @Override
    void close();
}
