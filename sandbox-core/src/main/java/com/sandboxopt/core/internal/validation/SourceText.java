package com.sandboxopt.core.internal.validation;

import java.util.Iterator;

/**
 * What a model's source holds besides its syntax: whether it has any statement to run, and the text of
 * one of its lines (for an error message with a caret). Works on source that already parsed as Python.
 */
public final class SourceText {
    /** Longest line text an error carries; a longer line is cut and ends in "…". */
    static final int MAX_LINE_CHARS = 1_000;

    private SourceText() {
    }

    /** What a file that parsed as Python holds. */
    public enum Content {
        /** Nothing but spaces, tabs and line breaks. */
        BLANK,
        /** Comments and blank lines only. */
        COMMENTS,
        /** String literals only (a docstring), besides comments and blank lines: nothing that runs. */
        DOCSTRING,
        /** At least one statement that runs ({@code pass} counts). */
        CODE
    }

    /**
     * Scans the source as Python's tokenizer would for what matters here: comments, string literals and
     * anything else. An f-string counts as code (its expressions run), so does a parenthesised string.
     */
    public static Content content(String source) {
        boolean comments = false;
        boolean strings = false;
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\\' || c == '\uFEFF') {
                i++; // a backslash outside a string can only be a line continuation
            } else if (c == '#') {
                comments = true;
                while (i < n && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
                    i++;
                }
            } else {
                int end = stringLiteralEnd(source, i);
                if (end < 0) {
                    return Content.CODE;
                }
                strings = true;
                i = end;
            }
        }
        return strings ? Content.DOCSTRING : comments ? Content.COMMENTS : Content.BLANK;
    }

    /**
     * Where the string literal (not an f-string) starting at {@code start} ends, or -1 when no such literal
     * starts there.
     */
    private static int stringLiteralEnd(String source, int start) {
        int n = source.length();
        int i = start;
        while (i < n && i - start < 2 && "rRuUbB".indexOf(source.charAt(i)) >= 0) {
            i++;
        }
        if (i >= n || (source.charAt(i) != '\'' && source.charAt(i) != '"')) {
            return -1; // a name, a number, an operator, an f-string prefix...
        }
        char quote = source.charAt(i);
        boolean triple = i + 2 < n && source.charAt(i + 1) == quote && source.charAt(i + 2) == quote;
        i += triple ? 3 : 1;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2; // an escaped character, also in a raw string as far as where it ends goes
            } else if (c == quote && (!triple || (i + 2 < n && source.charAt(i + 1) == quote && source.charAt(i + 2) == quote))) {
                return i + (triple ? 3 : 1);
            } else {
                i++;
            }
        }
        return -1; // unterminated: the parser would have said so; treat it as code to be safe
    }

    /**
     * Line {@code number} (1-based; line breaks {@code \n}, {@code \r\n} or {@code \r} as Python counts them)
     * without its line break, cut to {@value #MAX_LINE_CHARS} characters; null when there is no such line.
     */
    public static String line(String source, int number) {
        if (number < 1) {
            return null;
        }
        Iterator<String> lines = source.lines().iterator();
        for (int i = 1; lines.hasNext(); i++) {
            String line = lines.next();
            if (i == number) {
                if (line.length() <= MAX_LINE_CHARS) {
                    return line;
                }
                int cut = Character.isHighSurrogate(line.charAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
                return line.substring(0, cut) + "…";
            }
        }
        return null;
    }
}
