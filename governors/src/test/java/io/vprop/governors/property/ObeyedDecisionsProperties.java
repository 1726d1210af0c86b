package io.vprop.governors.property;

import io.vprop.governors.Events;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.config.Timestamps;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trader that obeys every decision, on random price paths and order flows with bounded slippage. Claims:
 * <ul>
 *   <li>after the trader has obeyed, equity is never below the daily or overall floor by more than one step could
 *       move it: the price move and flatten slippage on the positions open at the step's start, plus the profile's
 *       stated stop slippage and gap allowance on those positions. A shortfall never grows over several steps;</li>
 *   <li>a halt is never left, a pause is never left before its end time, a profit-target lock is never left.</li>
 * </ul>
 */
class ObeyedDecisionsProperties {
    static final double PIP = 0.0001;
    static final double MONEY_PER_PRICE_UNIT = 100_000; // EURUSD, per lot
    static final long STEP_MS = 20 * 60_000L;

    /** One simulated interval: a price move, how stops and flattens fill, and maybe an order. */
    record Move(int pips, boolean order, boolean sell, int stopPips, int lotsTenths, double stopSlipFraction,
                int flattenSlipPips) {}

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of("ftmo-2step", "ftmo-1step", "the5ers-high-stakes", "e8-one", "fundingpips-2step",
                "fundednext-stellar-2step", "topstep-50k");
    }

    @Provide
    Arbitrary<List<Move>> paths() {
        Arbitrary<Integer> pips = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(90, Arbitraries.integers().between(-25, 25)),
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(-150, 150))); // gaps
        Arbitrary<Move> move = Combinators.combine(pips, Arbitraries.of(true, true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(5, 80), Arbitraries.integers().between(1, 100),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 2)).as(Move::new);
        return move.list().ofMinSize(50).ofMaxSize(500);
    }

    /** A simulated open position. */
    static final class Open {
        final Side side;
        final double lots;
        final double entry;
        final double stop;
        final long openMs;

        Open(Side side, double lots, double entry, double stop, long openMs) {
            this.side = side;
            this.lots = lots;
            this.entry = entry;
            this.stop = stop;
            this.openMs = openMs;
        }

        double pnl(double price) {
            return side.sign() * (price - entry) * lots * MONEY_PER_PRICE_UNIT;
        }

        boolean stoppedAt(double price) {
            return side == Side.BUY ? price <= stop : price >= stop;
        }

        ValuedPosition toPosition(double price) {
            return Events.position("EURUSD", side, lots, entry, stop, openMs, pnl(price), MONEY_PER_PRICE_UNIT);
        }
    }

    @Property(tries = 140)
    @StatisticsReport(format = Histogram.class)
    void floorsHoldAndLatchesNeverLiftEarly(@ForAll("profiles") String id, @ForAll("paths") List<Move> moves) {
        FirmProfile profile = ProfileLoader.bundled(id);
        double initial = id.startsWith("topstep") ? 50_000 : 100_000;
        double allowance = profile.preTrade().worstCaseFactor() - 1; // stated slippage + gap, as a share of stop distance
        GovernorEngine engine = GovernorEngine.start(profile, initial, "USD");
        List<Open> open = new ArrayList<>();
        double price = 1.1000;
        double balance = initial;
        long t = Timestamps.parse("t", "2024-05-13T00:00:00Z");
        boolean halted = false;
        long pausedUntil = 0;
        boolean locked = false;
        double previousDeficit = 0;
        int orders = 0;

        for (Move m : moves) {
            // what this one step can cost the positions open at its start
            double stepBound = 0;
            for (Open o : open) {
                stepBound += o.lots * MONEY_PER_PRICE_UNIT * PIP * (Math.abs(m.pips()) + m.flattenSlipPips());
                stepBound += o.lots * MONEY_PER_PRICE_UNIT * Math.abs(o.entry - o.stop) * allowance;
            }
            t += STEP_MS;
            price += m.pips() * PIP;
            // stops fill at the stop, slipping at most the stated allowance of the stop distance
            for (int i = open.size() - 1; i >= 0; i--) {
                Open o = open.get(i);
                if (!o.stoppedAt(price)) continue;
                double exit = o.stop - o.side.sign() * m.stopSlipFraction() * allowance * Math.abs(o.entry - o.stop);
                double pnl = o.pnl(exit);
                balance += pnl;
                open.remove(i);
                record(engine.evaluate(Events.fill(t, "EURUSD", o.side == Side.BUY ? Side.SELL : Side.BUY, o.lots, exit,
                        false, pnl, o.openMs)), t, halted, pausedUntil, locked);
            }
            RuleVerdict d = engine.evaluate(snapshot(t, balance, price, open));
            record(d, t, halted, pausedUntil, locked);
            if (d.action().ordinal() >= Action.PAUSE_UNTIL_RESET.ordinal() && !open.isEmpty()) {
                for (Open o : open) {
                    double exit = price - o.side.sign() * m.flattenSlipPips() * PIP;
                    double pnl = o.pnl(exit);
                    balance += pnl;
                    record(engine.evaluate(Events.fill(t, "EURUSD", o.side == Side.BUY ? Side.SELL : Side.BUY, o.lots, exit,
                            false, pnl, o.openMs)), t, halted, pausedUntil, locked);
                }
                open.clear();
                record(engine.evaluate(snapshot(t, balance, price, open)), t, halted, pausedUntil, locked);
            }
            // after obeying: any shortfall below a floor must come from this step alone, never accumulate
            StateSnapshot s = engine.snapshot();
            double floor = Math.max(s.dailyFloor(), s.overallFloor());
            double deficit = floor - equity(balance, price, open);
            assertThat(deficit).as("%s at %s: shortfall below floor %s (before %s, step bound %s)", id, Timestamps.format(t),
                    floor, previousDeficit, stepBound).isLessThanOrEqualTo(Math.max(0, previousDeficit) + stepBound + 1e-6);
            previousDeficit = deficit;
            halted |= s.halted();
            if (s.paused()) pausedUntil = Math.max(pausedUntil, s.pausedUntilMs());
            locked |= s.targetLocked();
            if (halted) assertThat(open).as("flat after a halt").isEmpty();

            if (m.order() && open.size() < 5) {
                Side side = m.sell() ? Side.SELL : Side.BUY;
                double stop = price - side.sign() * m.stopPips() * PIP;
                double lots = m.lotsTenths() / 10.0;
                RuleVerdict od = engine.evaluate(Events.order(t, "EURUSD", side, lots, price, stop, Double.NaN, MONEY_PER_PRICE_UNIT));
                record(od, t, halted, pausedUntil, locked);
                if (od.allowed()) {
                    open.add(new Open(side, lots, price, stop, t));
                    orders++;
                    engine.evaluate(Events.fill(t, "EURUSD", side, lots, price, true, 0, t));
                    engine.evaluate(snapshot(t, balance, price, open));
                }
            }
        }
        String outcome = halted ? "halted" : pausedUntil != 0 ? "paused" : locked ? "target locked" : "traded freely";
        Statistics.label("outcome").collect(outcome);
        // the property must not be vacuous: some runs hit a latch (a halt is rarer, so halts and pauses together)
        Statistics.label("outcome").coverage(c -> {
            c.checkQuery(v -> v.get(0).equals("halted") || v.get(0).equals("paused")).count(n -> n >= 3);
            c.check("traded freely").count(n -> n > 0);
        });
        Statistics.label("orders allowed").collect(orders == 0 ? "none" : orders < 10 ? "1-9" : "10+");
    }

    /** Checks a decision against the latches observed so far. */
    private static void record(RuleVerdict d, long t, boolean halted, long pausedUntil, boolean locked) {
        if (halted) assertThat(d.action()).as("halt left at %s", Timestamps.format(t)).isEqualTo(Action.FLATTEN_AND_HALT);
        if (t < pausedUntil) {
            assertThat(d.action().ordinal()).as("pause left early at %s (until %s)", Timestamps.format(t), Timestamps.format(pausedUntil))
                    .isGreaterThanOrEqualTo(Action.PAUSE_UNTIL_RESET.ordinal());
        }
        if (locked) assertThat(d.allowed()).as("target lock left at %s", Timestamps.format(t)).isFalse();
    }

    private static double equity(double balance, double price, List<Open> open) {
        double e = balance;
        for (Open o : open) e += o.pnl(price);
        return e;
    }

    private static AccountSnapshot snapshot(long t, double balance, double price, List<Open> open) {
        List<ValuedPosition> ps = new ArrayList<>(open.size());
        for (Open o : open) ps.add(o.toPosition(price));
        return new AccountSnapshot(t, balance, equity(balance, price, open), ps, 0);
    }
}
