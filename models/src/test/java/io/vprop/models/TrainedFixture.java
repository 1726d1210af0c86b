package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.testing.RepoPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real EURUSD M1 bars from shared/data, labelled and trained once per test JVM (training takes seconds). */
public final class TrainedFixture {
    public static final String BARS = "bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz";
    public static final TpSlLabeler LABELER = new TpSlLabeler(30, 1.5, 1.0);
    public static final TpSlTraining.Config CONFIG = new TpSlTraining.Config(3, 30 * 60_000L,
            new GradientBoostingTrainer.Params(60, 3, 0.1, 100, 1.0), 256);

    private static List<Bar> bars;
    private static TpSlDataset data;
    private static TpSlTraining.Result result;

    private TrainedFixture() {
    }

    public static Path sharedData() {
        return RepoPaths.sharedData();
    }

    public static synchronized List<Bar> bars() {
        if (bars == null) bars = BarFiles.readAll(sharedData().resolve(BARS));
        return bars;
    }

    public static synchronized TpSlDataset data() {
        if (data == null) data = LABELER.label(bars());
        return data;
    }

    public static synchronized TpSlTraining.Result result() {
        if (result == null) result = TpSlTraining.train("tpsl", data(), LABELER, CONFIG, 1_700_000_000_000L);
        return result;
    }
}
