package io.vprop.models.seq;

import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.testing.RepoPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Real EURUSD M1 windows from shared/data and one small GRU trained on them, built once per test JVM. */
final class SeqFixture {
    static final String BARS = "bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz";
    static final int WINDOW = 32, HORIZON = 30;
    /** Small and quick: the tests check wiring and parity, not skill (the CLI report measures skill). */
    static final SequenceTraining.Config CONFIG = new SequenceTraining.Config(2, WINDOW * 60_000L,
            new GruTrainer.Params(8, 1, 64, 3e-3, 1.0, 5.0, 7L), 128);

    private static SequenceDataset data;
    private static SequenceTraining.Result result;

    private SeqFixture() {
    }

    static Path sharedData() {
        return RepoPaths.sharedData();
    }

    static synchronized SequenceDataset data() {
        if (data == null) {
            List<Bar> bars = BarFiles.readAll(sharedData().resolve(BARS));
            data = SequenceDataset.build(bars, WINDOW, HORIZON);
        }
        return data;
    }

    static synchronized SequenceTraining.Result result() {
        if (result == null) result = SequenceTraining.train("seq", data(), CONFIG, 1_700_000_000_000L);
        return result;
    }

    static byte[] onnx(GruNetwork net) {
        return OnnxSequenceExport.export(net, WINDOW, "seq", Map.of());
    }
}
