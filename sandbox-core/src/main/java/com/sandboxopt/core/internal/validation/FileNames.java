package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelValidationException;
import com.sandboxopt.core.SandboxException;
import java.util.Locale;

/** Reduces an uploaded file name to a safe base name; it is stored as text and never used as a path. */
public final class FileNames {
    static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /**
     * Drops any directory part ({@code ../../x.py}, {@code C:\x.py}) and checks what remains is a
     * plain {@code .py} name.
     */
    public static String safePythonFileName(String uploaded) {
        if (uploaded == null || uploaded.isBlank()) {
            throw invalid(ErrorCode.INVALID_ARGUMENT, "The file has no name: upload a file named like model.py");
        }
        String name = baseName(uploaded);
        if (!name.toLowerCase(Locale.ROOT).endsWith(".py")) {
            throw invalid(ErrorCode.UNSUPPORTED_FILE_TYPE,
                    "'" + printable(uploaded) + "' is not a Python file: only .py files can be uploaded");
        }
        String stem = name.substring(0, name.length() - 3);
        if (stem.isEmpty() || stem.chars().allMatch(c -> c == '.')) {
            throw invalid(ErrorCode.INVALID_ARGUMENT, "'" + printable(uploaded) + "' has no name before .py: rename the file");
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw invalid(ErrorCode.INVALID_ARGUMENT, "The file name contains control characters: rename the file");
        }
        if (name.length() > MAX_LENGTH) {
            throw invalid(ErrorCode.INVALID_ARGUMENT,
                    "The file name is " + name.length() + " characters long: use at most " + MAX_LENGTH);
        }
        return name;
    }

    /** The last part of a path as a browser or client may send it: {@code ../../x}, {@code C:\\d\\x}, {@code C:x} give {@code x}. */
    static String baseName(String uploaded) {
        String name = uploaded.trim();
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        if (name.length() > 2 && name.charAt(1) == ':') { // drive prefix without a separator: "C:x.py"
            name = name.substring(2);
        }
        return name;
    }

    /**
     * A data file's name reduced to its base name, which a job then opens as {@code data/<name>}: any
     * type, but not empty, {@code .}, {@code ..}, hidden by a leading dot, with control characters, or longer
     * than {@value #MAX_LENGTH} characters.
     */
    public static String safeDataFileName(String uploaded) {
        if (uploaded == null || uploaded.isBlank()) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "A file has no name: every file part needs a file name");
        }
        String name = baseName(uploaded);
        if (name.isEmpty() || name.startsWith(".")) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "'" + printable(uploaded)
                    + "' is not a usable file name (empty, or starting with a dot): rename the file");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT, "The file name '" + printable(uploaded)
                    + "' contains control characters: rename the file");
        }
        if (name.length() > MAX_LENGTH) {
            throw new SandboxException(ErrorCode.INVALID_ARGUMENT,
                    "The file name is " + name.length() + " characters long: use at most " + MAX_LENGTH);
        }
        return name;
    }

    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }

    private static ModelValidationException invalid(ErrorCode code, String message) {
        return new ModelValidationException(code, message, 0, 0);
    }
}
