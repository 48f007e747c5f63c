package com.sandboxopt.core.internal.runtime.graalpy.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Errors the guest sees name guest paths only: a host exception would show where the job's files
 * really are. The exception type is kept, since GraalPy maps it to the errno Python code checks.
 */
final class GuestErrors {
    private GuestErrors() {
    }

    static IOException translate(IOException hostError, String guestPath) {
        if (hostError instanceof NoSuchFileException) {
            return new NoSuchFileException(guestPath);
        }
        if (hostError instanceof FileAlreadyExistsException) {
            return new FileAlreadyExistsException(guestPath);
        }
        if (hostError instanceof DirectoryNotEmptyException) {
            return new DirectoryNotEmptyException(guestPath);
        }
        if (hostError instanceof NotDirectoryException) {
            return new NotDirectoryException(guestPath);
        }
        if (hostError instanceof AccessDeniedException) {
            return denied(guestPath);
        }
        if (hostError instanceof FileSystemException fse) {
            return new FileSystemException(guestPath, null, fse.getReason());
        }
        return new IOException(guestPath + ": input/output error");
    }

    static AccessDeniedException denied(String guestPath) {
        return new AccessDeniedException(guestPath);
    }
}
