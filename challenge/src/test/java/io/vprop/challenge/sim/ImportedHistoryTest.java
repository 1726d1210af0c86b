package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.history.ImportOptions;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An MT5 account report, as the importer reads it, runs through the lab: the two halves fit. */
class ImportedHistoryTest {
    @Test
    void anImportedMt5ReportRunsThroughEveryBundledFirm() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/history/ReportHistory-51234567.html").toURI());
        TradeHistory h = HistoryImport.read(file, ImportOptions.newYorkClose());
        List<FirmPlan> firms = io.vprop.governors.config.ProfileLoader.BUNDLED.stream().map(FirmPlan::bundled).toList();
        LabSpec spec = LabSpec.of(firms).withRisk(0.5, Map.of("XAUUSD", 0.01), 0.01).withPaths(300, 3, 2)
                .withRiskCurve(List.of(0.5, 1.0), 100, 0.2);
        LabResult r = ChallengeLab.run(h, spec);
        assertThat(r.trades().total()).isEqualTo(h.trades().size());
        assertThat(r.trades().kept() + r.trades().skippedZeroLots()).isEqualTo(h.trades().size());
        assertThat(r.firms()).hasSize(7);
        for (LabResult.FirmResult f : r.firms()) {
            LabResult.MethodResult boot = f.methods().get(1);
            int horizon = boot.phases().stream().mapToInt(p -> p.horizon().successes()).sum();
            assertThat(boot.passAll().successes() + boot.breach().successes() + horizon).as(f.firm()).isEqualTo(300);
        }
        assertThat(LabJson.write(r)).contains("\"firm\":\"topstep-50k\"");
    }
}
