package io.vprop.models.drift;

import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.testing.RepoPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real EURUSD M1 bars (2014-05-01..15) from shared/data as drift feature rows; the autoencoder is trained once per
 * test JVM on the first 70 % of the rows (about 21 k rows, a few seconds), the rest is a later "live" period.
 */
final class DriftFixture {
    static final String BARS = "bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz";
    static final AutoencoderTrainer.Params PARAMS = new AutoencoderTrainer.Params(new int[]{6, 3, 6}, 15, 128, 0.005, 7L);

    private static DriftRows rows;
    private static DriftPipeline.Trained trained;

    private DriftFixture() {
    }

    static Path sharedData() {
        return RepoPaths.sharedData();
    }

    static Path barsFile() {
        return sharedData().resolve(BARS);
    }

    static synchronized DriftRows rows() {
        if (rows == null) {
            List<Bar> bars = BarFiles.readAll(barsFile());
            rows = DriftRows.of(bars);
        }
        return rows;
    }

    static int cut() {
        return (int) (rows().size() * 0.7);
    }

    /** Rows of the training period. */
    static DriftRows training() {
        return rows().slice(0, cut());
    }

    /** Rows after the training period. */
    static DriftRows later() {
        return rows().slice(cut(), rows().size());
    }

    static synchronized DriftPipeline.Trained trained() {
        if (trained == null) trained = DriftPipeline.train(training(), PARAMS, 1_700_000_000_000L);
        return trained;
    }
}
