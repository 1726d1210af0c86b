package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.market.Bar;
import io.vprop.models.data.BarFiles;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Served models per walk-forward fold (issue 16 item 3): no lookahead, and the switch changes the engine's decisions. */
class FoldModelsTest {
    static final Path H1 = SharedData.file("bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz");

    static long ms(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void aFoldsClassifierNeverSeesBarsClosingAfterItsCut(@TempDir Path root) {
        List<Bar> bars = BarFiles.readAll(H1);
        long from = ms("2009-07-01"), cut = ms("2011-01-01");
        // the "future" (every bar closing after the cut) rewritten: prices x1.3 and the ranges doubled
        List<Bar> otherFuture = new ArrayList<>();
        for (Bar b : bars) {
            if (b.openTimeMs() + b.timeframe().millis() <= cut) { otherFuture.add(b); continue; }
            double m = 1.3, c = b.close() * m, r = (b.high() - b.low()) * m;
            otherFuture.add(new Bar(b.symbol(), b.timeframe(), b.openTimeMs(), c, c + r, c - r, c, b.tickVolume(), b.spread()));
        }
        assertThat(FoldModels.trainingBars(bars, from, cut)).isNotEmpty()
                .allSatisfy(b -> assertThat(b.openTimeMs() + b.timeframe().millis()).isLessThanOrEqualTo(cut))
                .allSatisfy(b -> assertThat(b.openTimeMs()).isGreaterThanOrEqualTo(from));
        try (FoldModels real = FoldModels.train(FoldModels.Arm.TPSL, List.of(bars), from, cut, root.resolve("a"));
             FoldModels altered = FoldModels.train(FoldModels.Arm.TPSL, List.of(otherFuture), from, cut, root.resolve("b"));
             FoldModels later = FoldModels.train(FoldModels.Arm.TPSL, List.of(bars), from, cut + 60L * 86_400_000, root.resolve("c"))) {
            assertThat(real.servedSha256()).containsKey("tpsl");
            assertThat(altered.servedSha256()).as("the test fold's bars do not reach the fold's model").isEqualTo(real.servedSha256());
            assertThat((long) real.report.get("lastTrainingBarCloseMs")).isLessThanOrEqualTo(cut);
            assertThat(later.servedSha256()).as("while the bars it is given do (the check is not vacuous)")
                    .isNotEqualTo(real.servedSha256());
        }
    }

    @Test
    void theSwitchChangesTheEnginesDecisions(@TempDir Path out) throws Exception {
        List<String> common = List.of("walkforward", "--data", H1.toString(), "--timeframe", "H1", "--server-tz", "UTC",
                "--strategy", "engine", "--grid", "none", "--from", "2009-01-01", "--to", "2012-01-01", "--train", "2y",
                "--test", "1y", "--threads", "1");
        JsonNode without = run(common, out.resolve("none"), "none");
        JsonNode with = run(common, out.resolve("tpsl"), "tpsl");
        assertThat(with.get("runner").asText()).contains("served models 'tpsl' trained per fold on its training window");
        assertThat(without.get("runner").asText()).doesNotContain("served models");
        assertThat(decisions(with)).as("the classifier's p moves Q* and so the grades: other trades or other skips")
                .isNotEqualTo(decisions(without));
    }

    private static JsonNode run(List<String> common, Path dir, String models) throws Exception {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--models", models, "--out", dir.toString()));
        assertThat(VpropCli.execute(args.toArray(String[]::new))).isZero();
        return WalkforwardCliTest.json(dir);
    }

    private static String decisions(JsonNode r) {
        StringBuilder b = new StringBuilder();
        for (JsonNode t : r.get("oos_trades")) b.append(t.get("open_ms").asLong()).append(t.get("side").asText()).append(',');
        JsonNode c = r.get("oos_counters");
        return b + "|skips " + c.path("window.decisions.skip").asLong() + "|trades " + c.path("window.decisions.trade").asLong();
    }
}
