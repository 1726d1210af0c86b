package io.vprop.bench.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.ExecutionResult;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.paper.broker.TradeRequest;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.trade.AccountState;
import io.vprop.trade.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one quote costs the backtester's live pieces, by how many positions are open (issue 14's bar target: the
 * {@code bars} case holds 6.1 positions at the average governors' evaluation). The account holds one position in each
 * of the first {@code positions} of the shared data's 12 pairs (stops set, ftmo-2step far from any limit); EURUSD,
 * which holds one, or AUDNZD, which never does (nor does any position read its rate), is quoted a point up and down,
 * a millisecond apart, as:
 * <ul>
 *   <li>{@code flatQuote}: the paper broker's tick of a symbol without a position (most of a bar run's quotes);</li>
 *   <li>{@code positionQuote}: the broker's tick of a symbol with one (SL/TP, the stop-out level);</li>
 *   <li>{@code positionQuoteSnapshot}: that and the account snapshot the governors need;</li>
 *   <li>{@code positionQuoteGoverned}: that and {@code AccountGovernors.onAccount} of it: the work of each quote at
 *       which the backtester evaluates the governors (their steady path here, as for most of a run's quotes).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class PositionQuoteBenchmark {
    /** The 12 pairs of the bar runs, EURUSD first (quoted, holding a position); then AUDNZD (quoted, never holding one). */
    private static final String[] PAIRS = {"EURUSD", "EURAUD", "EURCAD", "EURCHF", "EURJPY", "GBPAUD", "GBPCAD", "GBPCHF",
            "GBPUSD", "USDCHF", "USDJPY", "NZDUSD", "AUDNZD"};
    private static final double[] MIDS = {1.10, 1.60, 1.45, 1.08, 130.0, 1.90, 1.70, 1.25, 1.30, 0.92, 110.0, 0.65, 1.09};
    private static final int FLAT = 12;
    private static final String PEER = "bench/1/all";

    @Param({"1", "6", "12"})
    public int positions;

    private final List<Instrument> instruments = new ArrayList<>();
    private PaperBroker broker;
    private AccountGovernors governors;
    private final Map<String, SymbolSpec> specs = new HashMap<>();
    private Tick[] held, flat;
    private long now;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        InstrumentTable table = InstrumentTable.builtIn();
        for (String p : PAIRS) instruments.add(table.get(p));
        broker = new PaperBroker(BrokerConfig.of(100_000, "USD", 100, AccountMode.HEDGING, instruments,
                Map.of("AUDUSD", 0.80, "USDCAD", 1.20)));
        now = Instant.parse("2024-05-13T08:00:00Z").toEpochMilli();   // a Monday morning: no weekend or day end in a trial
        for (int k = 0; k < PAIRS.length; k++) broker.onTick(tick(k, 0, now));
        for (int k = 0; k < PAIRS.length; k++) specs.put(PAIRS[k], table.get(PAIRS[k]).toSymbolSpec(broker.tickValue(PAIRS[k])));
        for (int k = 0; k < positions; k++) {
            double point = specs.get(PAIRS[k]).point();
            ExecutionResult r = broker.execute(new TradeRequest(PAIRS[k], Side.BUY, 0.10, 0, 0, MIDS[k] - 300 * point,
                    MIDS[k] + 600 * point, 0, "bench-" + k, now));
            if (!r.ok()) throw new IllegalStateException("cannot open " + PAIRS[k] + ": " + r.retcode() + " " + r.comment());
        }
        governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000, GovernorStateStore.none());
        governors.onAccount(PEER, now, broker.snapshot(), "USD", specs::get);
        held = new Tick[]{tick(0, 1, now), tick(0, -1, now)};
        flat = new Tick[]{tick(FLAT, 1, now), tick(FLAT, -1, now)};
    }

    /** A quote of {@code pair} {@code points} of its own point from its mid, a point either side. */
    private Tick tick(int pair, int points, long t) {
        double point = instruments.get(pair).point(), mid = MIDS[pair] + points * point;
        return new Tick(PAIRS[pair], t, mid - point, mid + point, 0, 0, 6);
    }

    /** The next quote of {@code ticks}' symbol: the other of its two prices, a millisecond later. */
    private Tick next(Tick[] ticks) {
        Tick t = ticks[i++ & 1];
        return new Tick(t.symbol(), ++now, t.bid(), t.ask(), 0, 0, t.flags());
    }

    @Benchmark
    public List<Deal> flatQuote() {
        return broker.onTick(next(flat));
    }

    @Benchmark
    public List<Deal> positionQuote() {
        return broker.onTick(next(held));
    }

    @Benchmark
    public AccountState positionQuoteSnapshot() {
        broker.onTick(next(held));
        return broker.snapshot();
    }

    @Benchmark
    public List<AccountGovernors.Notice> positionQuoteGoverned() {
        broker.onTick(next(held));
        return governors.onAccount(PEER, now, broker.snapshot(), "USD", specs::get);
    }
}
