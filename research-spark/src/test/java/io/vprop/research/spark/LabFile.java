package io.vprop.research.spark;

import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabInput;
import io.vprop.challenge.sim.LabRecipe;
import io.vprop.challenge.sim.LabSpec;

import java.nio.file.Path;
import java.util.List;

/** A challenge lab over a research result file, as an executor rebuilds it. */
record LabFile(String resultJson, List<String> firms, int paths, long seed) implements LabRecipe {
    @Override
    public LabInput create() {
        TradeHistory h = HistoryImport.read(Path.of(resultJson));
        LabSpec spec = LabSpec.of(firms.stream().map(FirmPlan::bundled).toList()).withBalance(100_000, h.currency())
                .withPaths(paths, seed, 2).withRiskCurve(List.of(0.5, 1.0), 100, 0.3);
        return new LabInput(h, spec);
    }
}
