package com.sandboxopt.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines out of the bytes a guest writes: whole lines of a write in one hand-over, partial ones joined. */
class LineSplitterTest {
    private final List<List<String>> handedOver = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(handedOver::add);

    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.write(bytes, 0, bytes.length);
    }

    @Test
    void theLinesOfOneWriteAreHandedOverTogether() {
        write("one\ntwo\r\nthree\n");

        assertThat(handedOver).containsExactly(List.of("one", "two", "three"));
    }

    @Test
    void partialWritesAreJoinedAndALastPartialLineComesAtTheFinish() {
        write("pri");
        write("nted\r");
        write("\nsecond ");
        write("half\nno line break");
        assertThat(handedOver).containsExactly(List.of("printed"), List.of("second half"));

        splitter.finish();
        assertThat(handedOver).last().isEqualTo(List.of("no line break"));
    }

    @Test
    void aCharacterSplitAcrossWritesIsDecodedWhole() {
        byte[] euro = "price \u20ac\n".getBytes(StandardCharsets.UTF_8);
        splitter.write(euro, 0, 7); // "price " and the first byte of the euro sign's three
        splitter.write(euro, 7, euro.length - 7);
        splitter.write('o');
        splitter.write('k');
        splitter.write('\n');

        assertThat(handedOver).containsExactly(List.of("price \u20ac"), List.of("ok"));
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        splitter.write(new byte[] {'a', (byte) 0xff, '\r', '\n'}, 0, 4);

        assertThat(handedOver).containsExactly(List.of("a\ufffd"));
    }

    @Test
    void anEmptyLineIsALine() {
        write("\n\nx\n");

        assertThat(handedOver).containsExactly(List.of("", "", "x"));
    }
}
