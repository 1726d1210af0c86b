package io.vprop.bench.challenge;

import io.vprop.bench.Results;
import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.sim.ChallengeLab;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabBench;
import io.vprop.challenge.sim.LabHtml;
import io.vprop.challenge.sim.LabJson;
import io.vprop.challenge.sim.LabResult;
import io.vprop.challenge.sim.LabSpec;
import io.vprop.governors.config.ProfileLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The challenge lab's throughput: bootstrap challenge paths per minute through the real governors on 2 threads,
 * the same loop without governors as the in-run baseline, and the wall time of a full 7-firm report on 5 years of
 * trades (EURUSD H1 2014-2018, {@link BarTrades}). Writes bench/results/challenge-lab.json and the report itself to
 * bench/results/challenge-lab-report.json and .html.
 *
 * <p>Usage: ChallengeLabHarness [barFile] [paths=200000] [threads=2]
 */
public final class ChallengeLabHarness {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz");
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Map<String, Object> machine = Results.machine();
        TradeHistory h = BarTrades.load(file, 2014, 2018);
        System.out.printf("%d trades from %s%n", h.trades().size(), h.source());

        FirmPlan ftmo = FirmPlan.bundled("ftmo-2step");
        FirmPlan challengeOnly = new FirmPlan(ftmo.id(), ftmo.name(), ftmo.challenge());
        LabSpec spec = LabSpec.of(List.of(ftmo)).withPaths(paths, 1, threads);
        // warm-up: JIT the engine and the loop
        LabBench.governed(h, spec, challengeOnly, 20_000);
        LabBench.baseline(h, spec, challengeOnly, LabBench.governed(h, spec, challengeOnly, 20_000));

        LabBench.Run gov = LabBench.governed(h, spec, challengeOnly, paths);
        LabBench.Run base = LabBench.baseline(h, spec, challengeOnly, gov);
        LabBench.Run full = LabBench.governed(h, spec, ftmo, paths / 4);
        System.out.printf("challenge paths (phase 1 + 2): %,.0f paths/min, mean %.1f days a path; baseline %,.0f paths/min%n",
                gov.pathsPerMinute(), gov.meanDays(), base.pathsPerMinute());
        System.out.printf("full paths (+ funded 6 months): %,.0f paths/min, mean %.1f days a path%n",
                full.pathsPerMinute(), full.meanDays());

        List<FirmPlan> firms = ProfileLoader.BUNDLED.stream().map(FirmPlan::bundled).toList();
        LabSpec report = LabSpec.of(firms).withPaths(10_000, 1, threads);
        long t0 = System.nanoTime();
        LabResult r = ChallengeLab.run(h, report);
        double reportS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("7-firm report: %.1f s%n", reportS);
        Path dir = Path.of(System.getenv().getOrDefault("VPROP_BENCH_OUT", "bench/results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("challenge-lab-report.json"), LabJson.write(r));
        Files.writeString(dir.resolve("challenge-lab-report.html"), LabHtml.render(r));

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "challenge lab: bootstrap challenge paths through the exact governors");
        res.put("history", Map.of("source", h.source(), "trades", h.trades().size(), "historyDays", gov.historyDays(),
                "meanBlockDays", round(gov.meanBlockDays())));
        res.put("machine", machine);
        res.put("threads", threads);
        res.put("challenge_paths", Map.of(
                "what", "ftmo-2step phase 1 then phase 2 (each to pass, breach or the 180-day horizon), 1 % risk per trade",
                "paths", gov.paths(),
                "mean_days_per_path", round(gov.meanDays()),
                "mean_trades_per_path", round(gov.meanDays() * gov.trades() / gov.historyDays()),
                "governor_events_per_trade", "4: entry fill, snapshot at the worst point, exit fill, snapshot (+1 at a day reset with trades open)",
                "paths_per_minute", Math.round(gov.pathsPerMinute()),
                "baseline_same_loop_without_governors_paths_per_minute", Math.round(base.pathsPerMinute()),
                "ratio_governed_vs_baseline", round(gov.pathsPerMinute() / base.pathsPerMinute())));
        res.put("full_paths", Map.of(
                "what", "ftmo-2step phase 1, phase 2, then the funded account for 183 days",
                "paths", full.paths(), "mean_days_per_path", round(full.meanDays()),
                "paths_per_minute", Math.round(full.pathsPerMinute())));
        res.put("report_7_firms", Map.of(
                "what", "ChallengeLab.run: 7 bundled firms, historical starts + 10,000 bootstrap paths each, risk curve of 9 points x 2,000 paths",
                "seconds", round(reportS)));
        res.put("targets", Map.of("paths_per_minute", ">= 1000000 on 2 cores", "report_seconds", "<= 30"));
        res.put("targets_met", Map.of("paths_per_minute", gov.pathsPerMinute() >= 1_000_000, "report_seconds", reportS <= 30));
        Results.write("challenge-lab", res);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
