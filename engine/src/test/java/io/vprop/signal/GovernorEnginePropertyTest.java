package io.vprop.signal;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.port.RiskBudget;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.risk.GovernorRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.Grade;
import io.vprop.signal.select.RecentOutcomeMemory;
import io.vprop.signal.select.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance property against the REAL governors engine (merged from the governors branch): with the bundled
 * FTMO 2-step profile (5 % daily from the midnight-Prague balance, 10 % overall, 80 % entry-blocking buffer,
 * pre-trade worst case = stop + 20 % slippage/gap allowances, stop required, 5 orders/s), random markets and an
 * account drawing down inside the day, every TradeCandidate the signal engine emits is evaluated as an
 * OrderCheck on the real engine – exactly what the kernel will do – and must be allowed.
 */
class GovernorEnginePropertyTest {

    @Test
    void everyEmittedSignalPassesTheRealGovernorsPreTradeCheck() {
        long candidates = 0, blockedStates = 0;
        for (long seed = 1; seed <= 6; seed++) {
            long[] r = world(seed);
            candidates += r[0];
            blockedStates += r[1];
        }
        System.out.println("governor property: candidates=" + candidates + " blockedStates=" + blockedStates);
        assertThat(candidates).as("the property must be exercised").isGreaterThan(50);
        assertThat(blockedStates).as("account states past the entry-blocking buffer must occur too").isPositive();
    }

    private long[] world(long seed) {
        Rng rng = new Rng(seed);
        double initial = 10_000 + Math.floor(rng.nextDouble() * 19) * 10_000;
        GovernorEngine gov = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), initial, "USD");
        long[] now = {1_399_276_800_000L + (long) (rng.nextDouble() * 3_600_000L)}; // Monday 2014-05-05 08:00 UTC
        GovernorRiskBudget risk = new GovernorRiskBudget(gov, () -> now[0]);
        List<SymbolSpec> specs = List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("GBPUSD"));
        SignalConfig cfg = SignalConfig.builder().timeframes(Timeframe.M1, Timeframe.M5).regimeTimeframe(Timeframe.M1)
                .minGrade(Grade.C).seed(seed).build();
        SignalEngine engine = new SignalEngine(cfg, specs, new SignalPorts(risk, new RecentOutcomeMemory(20),
                new DriftWinProbability(), EventSource.NONE, () -> now[0]), initial);
        gov.evaluate(new AccountSnapshot(now[0], initial, initial));
        double[] mid = {1.1, 1.3};
        double[] drift = {0, 0};
        long candidates = 0, blocked = 0;
        for (int i = 0; i < 10_000; i++) {
            now[0] += 200 + (long) (rng.nextDouble() * 1500);
            if (i % 300 == 0) { // floating loss inside the day: sometimes past the 80 % buffer (4 % of initial)
                double equity = initial * (1 - rng.nextDouble() * 0.045);
                gov.evaluate(new AccountSnapshot(now[0], initial, equity));
                engine.onAccount(equity, List.of());
                if (!risk.canOpenPosition()) blocked++;
                for (int s = 0; s < 2; s++) drift[s] = (rng.nextDouble() - 0.5) * 2e-5;
            }
            int s = rng.nextDouble() < 0.5 ? 0 : 1;
            double vol = (i / 3000) % 2 == 0 ? 3e-5 : 1.2e-4;
            mid[s] += drift[s] + rng.nextGaussian() * vol;
            double half = (1 + Math.floor(rng.nextDouble() * 4)) * 0.5e-5;
            Decision d = engine.onTick(new Tick(specs.get(s).symbol(), now[0], mid[s] - half, mid[s] + half, 0, 0, 6));
            if (d instanceof TradeCandidate c) {
                candidates++;
                double loss = specs.get(s).moneyPerPriceMove(c.stopDistance() + 2 * half, c.lots()) + cfg.commissionPerLot * c.lots();
                var order = GovernorRiskBudget.toOrderCheck(new RiskBudget.PreTradeOrder(c.symbol(), c.side(), c.lots(),
                        c.referencePrice(), c.stopLoss(), loss), now[0]);
                var verdict = gov.evaluate(order);
                assertThat(verdict.allowed()).as("seed %d: %s -> %s", seed, c, verdict.message()).isTrue();
            }
        }
        assertThat(engine.skipCount(SkipReason.GOVERNOR_REJECT))
                .as("seed %d: headroom and entry-block state alone keep orders inside the rules", seed).isZero();
        return new long[]{candidates, blocked};
    }
}
