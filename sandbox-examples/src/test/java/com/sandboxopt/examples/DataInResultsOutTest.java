package com.sandboxopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataInResultsOutTest {
    @Test
    void uploadsTheBundledMarketRunsTheDmoSampleOnItAndPrintsItsPrices() throws Exception {
        String out = Console.output(() -> assertThat(DataInResultsOut.run(new String[] {
                "../models/data/dmo", "../models/sample_dmo_model.py"})).isZero());

        assertThat(out).containsPattern("Data source dmo-market v1 \\(ds_\\d+_[a-z0-9]{6}\\):")
                .contains("data/offers.csv", "data/bids.csv")
                .containsPattern("Job DMO_\\S+ ended success, read ds_\\d+_[a-z0-9]{6}")
                .containsPattern("prices\\.csv +[0-9,]+ bytes  text/csv")
                .contains("prices.csv:\n  hour,price_eur_mwh");
    }
}
