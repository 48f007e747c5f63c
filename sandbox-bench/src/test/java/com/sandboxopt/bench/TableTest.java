package com.sandboxopt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void rowsAreAlignedInTextEscapedInMarkdownAndQuotedInCsv() {
        Table table = new Table();
        table.add(new Table.Row("logs", "lines/s", "250,000", "1,000,000", "0.25x (slower)", ">= 200,000/s", "yes"));
        table.add(new Table.Row("compute", "a|b", "1.00", "2.00", Table.speedup(1, 2), "", ""));

        assertThat(table.text().lines().toList().get(1)).startsWith("logs     lines/s  250,000");
        assertThat(table.markdown()).contains("| compute | a\\|b | 1.00 | 2.00 | 2.00x faster |  |  |");
        assertThat(table.csv("quick")).first().isEqualTo("quick,logs,lines/s,\"250,000\",\"1,000,000\",0.25x (slower),\">= 200,000/s\",yes");
    }

    @Test
    void aTableWithColumnsOfItsOwnPrintsMarkdownButNoCsv() {
        Table table = new Table(java.util.List.of("section", "metric", "a", "b", "c"));
        table.add(java.util.List.of("latency", "p50", "1.0", "2.0", "n/a"));

        assertThat(table.markdown()).startsWith("| section | metric | a | b | c |\n|---|---|---|---|---|\n| latency | p50 | 1.0 | 2.0 | n/a |");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.add(java.util.List.of("too", "few")))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.csv("cpython")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void speedupSaysWhichSideIsFaster() {
        assertThat(Table.speedup(1, 3)).isEqualTo("3.00x faster");
        assertThat(Table.speedup(4, 1)).isEqualTo("0.25x (slower)");
    }
}
