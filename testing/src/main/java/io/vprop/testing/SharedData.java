package io.vprop.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared market data files the tests replay; fails loudly when one is absent. */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder (surefire sets {@code vprop.shared.data} to {@code <repo>/../shared/data}). */
    public static Path dir() {
        return RepoPaths.sharedData();
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared market data file missing: " + p
                    + " (the tests need the shared data set; see shared/data/README.md)");
        }
        return p;
    }

    public static final String EURUSD_TICKS = "ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    public static final String NZDUSD_TICKS = "ticks/NZDUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    public static final String EURUSD_HIST_TICKS = "ticks/EURUSD_histdata_2020-01-30_2020-01-31.ticks.csv.gz";
    public static final String AUDUSD_TICKS = "ticks/AUDUSD_nautilus_2020-01-30_2020-01-31.ticks.csv.gz";
    public static final String EURUSD_M1 = "bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz";
    public static final String NZDUSD_M1 = "bars/NZDUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz";
    public static final String EURUSD_H1 = "bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz";
    public static final String GBPUSD_BID = "bars/fxcm_nautilus/gbpusd-m1-bid-2012.csv";
    public static final String USDJPY_BID = "bars/fxcm_nautilus/usdjpy-m1-bid-2013.csv";
    public static final String CME_6E = "bars/6EH4.XCME_1min_bars_20240101_20240131.csv.gz";
}
