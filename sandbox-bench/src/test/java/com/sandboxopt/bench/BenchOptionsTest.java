package com.sandboxopt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void aFullRunsModeNamesItsSizeImportsCompilerThreadsJitAndPulp() {
        assertThat(BenchOptions.parse(new String[] {}).mode(true)).isEqualTo("full");
        BenchOptions options = BenchOptions.parse(new String[] {"--pulp-only", "--two-compiler-threads", "--fixed-imports", "--quick"});

        assertThat(options.mode(false)).isEqualTo("quick-fixed-imports-two-compiler-threads-interpreted-pulp");
        assertThat(options.compilerThreads()).isEqualTo(2);
    }

    @Test
    void aSectionOnlyRunIsNamedAfterItsSectionWhateverQuickSays() {
        assertThat(BenchOptions.parse(new String[] {"--quick", "--lean", "--cpython-only"}).mode(true)).isEqualTo("cpython-lean");
        assertThat(BenchOptions.parse(new String[] {"--quick", "--data-only"}).mode(false)).isEqualTo("data-interpreted");
        assertThat(BenchOptions.parse(new String[] {"--lean", "--nodes-only"}).mode(true)).isEqualTo("nodes");
        assertThat(BenchOptions.parse(new String[] {"--two-compiler-threads", "--logs-only"}).mode(true)).isEqualTo("logs");
    }

    @Test
    void theFirstClickOpensEveryRunButASectionOnlyOne() {
        assertThat(BenchOptions.parse(new String[] {"--quick"}).runsFirstClick()).isTrue();
        assertThat(BenchOptions.parse(new String[] {"--pulp-only"}).runsFirstClick()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--data-only", "--first-click-only"}).runsFirstClick()).isTrue();
    }

    @Test
    void aSectionOnlyBlockShowsTheCommandAsTypedAndAFullOneTheOptionsThatShapeIt() {
        BenchOptions typed = BenchOptions.parse(new String[] {"--logs-only", "--unknown"});
        BenchOptions full = BenchOptions.parse(new String[] {"--pulp-only", "--lean", "--unknown", "--quick"});

        assertThat(typed.typedCommand()).endsWith("./sandbox bench --logs-only --unknown");
        assertThat(full.fullRunCommand(full.mode(true))).endsWith("./sandbox bench --quick --lean --pulp-only");
    }
}
