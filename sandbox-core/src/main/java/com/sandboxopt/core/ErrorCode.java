package com.sandboxopt.core;

/** What went wrong, for callers that map errors to responses (the server maps them to HTTP codes). */
public enum ErrorCode {
    /** A field or argument is missing or malformed. */
    INVALID_ARGUMENT,
    /** The uploaded file is not a {@code .py} file. */
    UNSUPPORTED_FILE_TYPE,
    /** The uploaded file, or a data source's files together, are larger than the configured maximum, or too many. */
    FILE_TOO_LARGE,
    /** The uploaded file is empty, not UTF-8 or contains NUL bytes. */
    INVALID_FILE_CONTENT,
    /** The uploaded file is not valid Python; see {@link ModelValidationException}. */
    SYNTAX_ERROR,
    /** No model with that id. */
    MODEL_NOT_FOUND,
    /** The model is archived and cannot be executed. */
    MODEL_ARCHIVED,
    /** No data source with that id or name. */
    DATA_SOURCE_NOT_FOUND,
    /** The data source is archived: no new job may use it. */
    DATA_SOURCE_ARCHIVED,
    /** No file of that name in the data source, or no artifact of that name in the job. */
    FILE_NOT_FOUND,
    /** No job with that id. */
    JOB_NOT_FOUND,
    /** No schedule with that id. */
    SCHEDULE_NOT_FOUND,
    /** No experiment with that id. */
    EXPERIMENT_NOT_FOUND,
    /** No user of that name, or no token of that id. */
    USER_NOT_FOUND,
    /** A user of that name already exists. */
    USER_EXISTS,
    /** The request needs a signed-in user (or a valid token). */
    UNAUTHORIZED,
    /** The signed-in user's role does not allow it, or the thing belongs to someone else. */
    FORBIDDEN,
    /** A per-user limit is reached (queued jobs). */
    QUOTA_EXCEEDED,
    /** The job already ended, so it cannot be cancelled. */
    JOB_ALREADY_FINISHED,
    /** The queue of waiting jobs is full. */
    QUEUE_FULL,
    /** The sandbox has been closed. */
    CLOSED,
    /** The runtime asked for cannot run jobs here (e.g. bubblewrap missing); the message says what to install. */
    RUNTIME_UNAVAILABLE,
    /** The database or the log directory failed. */
    STORAGE_FAILURE,
    /** The Python runtime failed in a way that is not the model's fault. */
    RUNTIME_FAILURE
}
