package com.sandboxopt.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The output byte cap counts what getBytes would, without making the bytes of every line. */
class JobLogTest {
    @Test
    void utf8LengthIsWhatGetBytesSays() {
        for (String line : new String[] {"", "line 42", "caf\u00e9", "\u20ac 5", "snake \uD83D\uDC0D", "lone \uD800 high",
                "lone \uDC00 low", "end \uD83D", "\u0000\u007f\u0080\u07ff\u0800\uffff"}) {
            assertThat(JobLog.utf8Length(line)).as(line).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
