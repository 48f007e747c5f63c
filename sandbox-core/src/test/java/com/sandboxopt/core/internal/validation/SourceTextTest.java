package com.sandboxopt.core.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sandboxopt.core.internal.validation.SourceText.Content;
import org.junit.jupiter.api.Test;

class SourceTextTest {

    @Test
    void blankCommentsAndDocstringsHoldNoStatements() {
        assertThat(SourceText.content("")).isEqualTo(Content.BLANK);
        assertThat(SourceText.content(" \n\t\r\n\f\n")).isEqualTo(Content.BLANK);
        assertThat(SourceText.content("# one\n   # two\r\n#")).isEqualTo(Content.COMMENTS);
        assertThat(SourceText.content("\"\"\"Model.\n\nLong text with 'quotes', \\\"\"\" escaped quotes and \"\" two.\"\"\"\n"))
                .isEqualTo(Content.DOCSTRING);
        assertThat(SourceText.content("# header\n'doc'  # trailing comment\n")).isEqualTo(Content.DOCSTRING);
        assertThat(SourceText.content("R'raw \\' quote' U\"u\"\nrb'bytes' Br'more'\n")).isEqualTo(Content.DOCSTRING);
        assertThat(SourceText.content("'one' \\\n'two'\n")).as("a line continuation").isEqualTo(Content.DOCSTRING);
        assertThat(SourceText.content("'# not a comment, a string'\n")).isEqualTo(Content.DOCSTRING);
    }

    @Test
    void anythingElseIsCode() {
        assertThat(SourceText.content("pass\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("...\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("\"\"\"Doc.\"\"\"\nimport sandbox\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("f'{print(1)}'\n")).as("an f-string runs its expressions").isEqualTo(Content.CODE);
        assertThat(SourceText.content("rf'{x}'\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("('doc')\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("'doc'.upper()\n")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("rb = 1\n")).as("a name that starts like a prefix").isEqualTo(Content.CODE);
        assertThat(SourceText.content("# comment\nx=1")).isEqualTo(Content.CODE);
        assertThat(SourceText.content("'unterminated")).isEqualTo(Content.CODE);
    }

    @Test
    void aLineIsFoundByItsNumberWhateverTheLineBreaks() {
        String source = "first\r\nsecond\rthird\nfourth";
        assertThat(SourceText.line(source, 1)).isEqualTo("first");
        assertThat(SourceText.line(source, 2)).isEqualTo("second");
        assertThat(SourceText.line(source, 3)).isEqualTo("third");
        assertThat(SourceText.line(source, 4)).isEqualTo("fourth");
        assertThat(SourceText.line(source, 5)).isNull();
        assertThat(SourceText.line(source, 0)).isNull();
        assertThat(SourceText.line("\tx = (\n", 1)).isEqualTo("\tx = (");
    }

    @Test
    void aVeryLongLineIsCut() {
        String line = SourceText.line("x = '" + "a".repeat(5000) + "'\n", 1);
        assertThat(line).hasSize(SourceText.MAX_LINE_CHARS + 1).startsWith("x = 'aaa").endsWith("a…");
        String surrogates = SourceText.line("#" + "𝄞".repeat(1000) + "\n", 1);
        assertThat(Character.isHighSurrogate(surrogates.charAt(surrogates.length() - 2))).isFalse();
    }
}
