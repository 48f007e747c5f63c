package com.sandboxopt.server.api;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.SandboxException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a data source upload, gathered part by part as Micronaut hands them over ({@code MultipartBody}):
 * {@code name} and {@code description} as text, each {@code file} part as the temporary file Micronaut wrote
 * it to (multipart {@code disk: true}), waiting there until the name, which may come last, is known. A part
 * that is refused does not stop the reading: the parts after it are freed unread, so that the client, which
 * may send the whole body before it reads (Python's urllib), gets the 400 rather than a connection closed
 * under it. {@link #discard} frees whatever was not taken.
 */
final class DataSourceForm {
    static final String FILE_FIELD = "file";
    private static final int MAX_NAME_CHARS = 1_000;
    private static final int MAX_DESCRIPTION_CHARS = 10_000;

    private final List<CompletedFileUpload> files = new ArrayList<>();
    private String name;
    private String description;
    private RuntimeException refusal;

    /** Takes one more part; called by the body's publisher, one part after the other. */
    void add(CompletedPart part) {
        if (refusal != null) {
            discard(part);
            return;
        }
        try {
            if (part instanceof CompletedFileUpload file) {
                if (!FILE_FIELD.equals(file.getName())) {
                    throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "Unexpected file field '"
                            + printable(file.getName()) + "': send each file as a multipart field named 'file'");
                }
                files.add(file);
                return;
            }
            switch (String.valueOf(part.getName())) {
                case "name" -> name = text(part, MAX_NAME_CHARS);
                case "description" -> description = text(part, MAX_DESCRIPTION_CHARS);
                case FILE_FIELD -> throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                        "A 'file' field without a file name: send each file as a file part (curl -F file=@bids.csv)");
                default -> discard(part); // an unknown text field, as the model upload ignores them
            }
        } catch (SandboxException e) {
            refusal = e;
            discard(part);
        } catch (IOException e) {
            refusal = new SandboxException(ErrorCode.STORAGE_FAILURE, "Could not read the upload: " + e.getMessage(), e);
            discard(part);
        }
    }

    /** The name, once the whole body is in: 400 for a refused part, a missing name or no file. */
    String name() {
        if (refusal != null) {
            throw refusal;
        }
        if (name == null || name.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "name is required: send the data source's name as the multipart field 'name'");
        }
        if (files.isEmpty()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "No file: send one or more non-empty files as multipart fields named 'file'");
        }
        return name;
    }

    String description() {
        return description;
    }

    /** The next file part in the order sent, now the caller's to read and free; null after the last. */
    CompletedFileUpload nextFile() {
        return files.isEmpty() ? null : files.remove(0);
    }

    /** Frees the file parts not taken. */
    void discard() {
        files.forEach(DataSourceForm::discard);
        files.clear();
    }

    /**
     * A text field's value as UTF-8, at most {@code maxChars} characters long. Read whole: only
     * {@code getBytes} gives a field's buffer back (its stream frees the bytes but not the field's
     * temporary file); the request size limit bounds it.
     */
    private static String text(CompletedPart part, int maxChars) throws IOException {
        String value = new String(part.getBytes(), StandardCharsets.UTF_8);
        if (value.length() > maxChars) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "The field '" + part.getName() + "' is longer than " + maxChars + " characters");
        }
        return value;
    }

    /** Frees a part's bytes (a temporary file, or a buffer) without reading them. */
    private static void discard(CompletedPart part) {
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

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
