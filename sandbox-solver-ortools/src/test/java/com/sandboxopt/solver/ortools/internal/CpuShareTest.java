package com.sandboxopt.solver.ortools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuShareTest {

    @Test
    void aQuietMachineOffersAWholeProcessor() {
        assertThat(CpuShare.of(0.3, 2)).isEqualTo(1.0);
        assertThat(CpuShare.of(1.0, 2)).isEqualTo(1.0);
    }

    @Test
    void aBusyMachineOffersTheProcessorsOverTheTasksThatWantOneWithTheSolve() {
        assertThat(CpuShare.of(3.0, 2)).isCloseTo(0.5, within(1e-9));
        assertThat(CpuShare.of(7.0, 4)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void neverLessThanAFifth() {
        assertThat(CpuShare.of(40, 2)).isEqualTo(CpuShare.FLOOR);
    }

    @Test
    void thisMachinesShareIsAShareOfAProcessor() {
        assertThat(CpuShare.now()).isBetween(CpuShare.FLOOR, 1.0);
    }
}
