package io.vprop.challenge.risk;

import io.vprop.challenge.sim.LabResult;
import io.vprop.governors.config.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskDefaultsTest {
    private static LabResult.Rate rate(double p) {
        return new LabResult.Rate((int) Math.round(p * 1000), 1000, p, p, p);
    }

    private static LabResult.FirmResult firm(String id, double... passBreach) {
        List<LabResult.RiskPoint> pts = new java.util.ArrayList<>();
        for (int i = 0; i < passBreach.length; i += 2)
            pts.add(new LabResult.RiskPoint(0.25 * (i / 2 + 1), rate(passBreach[i]), rate(passBreach[i + 1]), 0));
        return new LabResult.FirmResult(id, id, List.of(), 100, 1, "", List.of(),
                new LabResult.RiskCurve(0.1, pts, Double.NaN, "rule"));
    }

    private static LabResult lab() {
        return new LabResult("test", "USD", 100_000, 1, 7, 1, null,
                List.of(firm("ftmo-2step", 0.05, 0.02, 0.09, 0.08, 0.12, 0.2), firm("e8-one", 0.0, 0.05, 0.0, 0.3)), 0);
    }

    @Test
    void writesAVersionedFileThatReadsBackWithTheChoices() {
        byte[] bytes = RiskDefaults.write(lab(), "vprop challenge h.json --breach-bound 10", "h.json", "abc", 2000);
        assertThat(RiskDefaults.write(lab(), "vprop challenge h.json --breach-bound 10", "h.json", "abc", 2000))
                .as("same run, same bytes").isEqualTo(bytes);
        RiskDefaults d = RiskDefaults.parse(bytes, "t");
        assertThat(d.version()).matches("risk-[0-9a-f]{12}");
        assertThat(d.seed()).isEqualTo(7);
        assertThat(d.firm("ftmo-2step").orElseThrow().riskPct()).isEqualTo(0.5);
        RiskChoice e8 = d.firm("e8-one").orElseThrow();
        assertThat(e8.advised()).isFalse();
        assertThat(e8.riskPct()).isEqualTo(0.25);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"verdict\" : \"no risk level passes e8-one");
    }

    @Test
    void anEditedFileIsRefused() {
        String text = new String(RiskDefaults.write(lab(), "c", "h.json", "abc", 2000), StandardCharsets.UTF_8);
        byte[] edited = text.replace("\"risk_pct\" : 0.5,", "\"risk_pct\" : 1.0,").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RiskDefaults.parse(edited, "edited.json")).hasMessageContaining("does not match its content");
        assertThatThrownBy(() -> RiskDefaults.parse("{}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("not a vprop-risk-default-v1 file");
    }

    @Test
    void theBundledFileCoversEveryBundledFirmAndSaysTheLabAdvisesNotToTrade() {
        RiskDefaults d = RiskDefaults.bundled();
        assertThat(d.firms()).extracting(RiskChoice::firm).containsExactlyInAnyOrderElementsOf(ProfileLoader.BUNDLED);
        assertThat(d.commandLine()).contains("--write-risk-default").contains("--breach-bound 10");
        assertThat(d.inputSha256()).hasSize(64);
        // each firm's recorded choice is the rule's (parse re-derives it); a choice without advice carries its verdict
        for (RiskChoice c : d.firms()) {
            assertThat(c.breachBound()).isEqualTo(0.10);
            assertThat(c.verdict().isEmpty()).as(c.firm()).isEqualTo(c.advised());
            if (!c.advised()) assertThat(c.verdict()).as(c.firm()).contains("the lab advises not to trade this strategy on this firm");
        }
    }
}
