package com.sandboxopt.core.internal.runtime;

/** What a job's error says when the model raised: the exception's own line of its traceback. */
public final class Tracebacks {
    private Tracebacks() {
    }

    /**
     * The first line after the traceback's last indented (frame or source) line, so that an
     * exception with a message of several lines is named by its first.
     */
    public static String summaryLine(String traceback) {
        String[] lines = traceback.split("\n");
        int start = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith(" ")) {
                start = i + 1;
                break;
            }
        }
        for (int i = start; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "The model failed";
    }
}
