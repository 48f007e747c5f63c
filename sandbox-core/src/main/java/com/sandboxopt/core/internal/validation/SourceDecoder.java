package com.sandboxopt.core.internal.validation;

import com.sandboxopt.core.ErrorCode;
import com.sandboxopt.core.ModelValidationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns uploaded bytes into source text: strictly UTF-8, no NUL bytes, a leading BOM dropped. */
public final class SourceDecoder {
    private SourceDecoder() {
    }

    public static String decode(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                int line = lineAt(bytes, i);
                throw new ModelValidationException(ErrorCode.INVALID_FILE_CONTENT,
                        "The file contains a NUL byte at line " + line + ": a Python source file must be plain text", line, 0);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = lineAt(bytes, in.position());
            throw new ModelValidationException(ErrorCode.INVALID_FILE_CONTENT,
                    "The file is not valid UTF-8 (byte " + in.position() + ", line " + line
                            + "): save it with UTF-8 encoding and upload again", line, 0);
        }
        if (decoder.flush(out).isError()) {
            throw new ModelValidationException(ErrorCode.INVALID_FILE_CONTENT,
                    "The file is not valid UTF-8 at its end: save it with UTF-8 encoding and upload again", 0, 0);
        }
        return out.flip().toString();
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
