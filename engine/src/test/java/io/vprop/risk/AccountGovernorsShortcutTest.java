package io.vprop.risk;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AccountGovernors' shortcuts give what the plain path gives: onAccount keeps a position's record when the terminal
 * hands over the same position object at the same place with the same spec object (valuedShortcut), and check() writes
 * only the refusal's own sentence. Two accounts' governors, one with the shortcut off, get the same random life of an
 * account — snapshots at every quote (most positions handed over as they were, one re-valued), specs replaced (a new
 * tick value, or an equal spec as another object, or none), positions opened, closed (late exit fills included) and
 * reordered, orders checked, the clock — and after every call answer the same: notices, verdicts, action, headroom;
 * the saved state, the panel view and the open times kept, sampled.
 */
class AccountGovernorsShortcutTest {
    private static final String PEER = "paper-1/1001/EURUSD.M1";
    private static final long T0 = 1_715_680_800_000L;   // 2024-05-14T10:00:00Z, a Tuesday
    private static final String[] SYMBOLS = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "XAUUSD"};

    @TestFactory
    Stream<DynamicTest> theShortcutsAnswerAsThePlainPath() {
        return Stream.of("ftmo-2step", "topstep-50k", "the5ers-high-stakes").filter(ProfileLoader.BUNDLED::contains)
                .flatMap(id -> Stream.of(1L, 2L, 3L).map(seed -> DynamicTest.dynamicTest(id + " seed " + seed, () -> compare(id, seed))));
    }

    private static SymbolSpec spec(String symbol, double tickValue) {
        return new SymbolSpec(symbol, 5, 1e-5, 1e-5, tickValue, 100_000, 0.01, 0.01, 100, 0, 0, symbol.substring(0, 3), symbol.substring(3));
    }

    private static void compare(String profile, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GovernorStateStore fastStore = GovernorStateStore.inMemory(), plainStore = GovernorStateStore.inMemory();
        AccountGovernors fast = new AccountGovernors(ProfileLoader.bundled(profile), profile, 100_000, fastStore);
        AccountGovernors plain = new AccountGovernors(ProfileLoader.bundled(profile), profile, 100_000, plainStore);
        plain.valuedShortcut = false;
        Map<String, SymbolSpec> specs = new HashMap<>();
        for (String s : SYMBOLS) if (!s.equals("XAUUSD")) specs.put(s, spec(s, 1.0));   // XAUUSD: no spec, no value
        Function<String, SymbolSpec> specOf = specs::get;
        long[] now = {T0};
        TerminalView terminal = new TerminalView() {
            @Override public String peer() { return PEER; }
            @Override public long nowMs() { return now[0]; }
            @Override public boolean live() { return true; }
            @Override public SymbolSpec spec(String symbol) { return specs.get(symbol); }
            @Override public Tick lastTick(String symbol) { return new Tick(symbol, now[0], 1.1, 1.1, 0, 0, 0); }
            @Override public boolean pending(String symbol) { return false; }
            @Override public AccountState account() { return null; }
        };
        List<Position> open = new ArrayList<>();
        List<Long> closed = new ArrayList<>(), tickets = new ArrayList<>();
        double balance = 100_000;
        long ticket = 1, deal = 1;
        int refusals = 0, kept = 0;
        for (int step = 0; step < 6_000; step++) {
            now[0] += 1 + r.nextInt(60_000);
            String at = profile + " seed " + seed + " step " + step;
            int what = r.nextInt(100);
            if (what < 55) {                                   // a snapshot: one quote re-values some positions
                for (int i = 0; i < open.size(); i++) {
                    if (r.nextInt(4) != 0) continue;
                    Position p = open.get(i);
                    open.set(i, new Position(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.sl(), p.tp(),
                            Math.round((p.profit() + r.nextDouble(-60, 58)) * 100) / 100.0, p.swap(), p.commission(), p.openTimeMs(), p.signalId()));
                }
                double equity = balance;
                for (Position p : open) equity += p.profit();
                AccountState acc = new AccountState(balance, Math.max(0, equity), 0, Math.max(0, equity), List.copyOf(open));
                assertThat(fast.onAccount(PEER, now[0], acc, "USD", specOf)).as(at).isEqualTo(plain.onAccount(PEER, now[0], acc, "USD", specOf));
            } else if (what < 62) {                            // a spec replaced: a new rate, or the same as another object
                String s = SYMBOLS[r.nextInt(SYMBOLS.length - 1)];
                double tv = r.nextInt(3) == 0 ? specs.get(s).tickValue() : 0.5 + r.nextInt(100) / 50.0;
                specs.put(s, spec(s, tv));
            } else if (what < 70 && open.size() < 8) {         // an entry, at a random place of the list
                String s = SYMBOLS[r.nextInt(SYMBOLS.length)];
                Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
                Position p = new Position(ticket, s, side, 0.1 * (1 + r.nextInt(20)), 1.1, r.nextInt(10) == 0 ? 0 : side == Side.BUY ? 1.09 : 1.11,
                        0, 0, 0, 0, now[0], "s" + ticket);
                open.add(r.nextInt(open.size() + 1), p);
                tickets.add(ticket);
                assertThat(fast.onFill(PEER, now[0], new Fill(deal, ticket, ticket, p.signalId(), s, side, FillEntry.IN, 1.1, p.volume(), 0, 0, 0, now[0], "")))
                        .as(at).isEqualTo(plain.onFill(PEER, now[0], new Fill(deal, ticket, ticket, p.signalId(), s, side, FillEntry.IN, 1.1, p.volume(), 0, 0, 0, now[0], "")));
                ticket++;
                deal++;
            } else if (what < 77 && (!open.isEmpty() || !closed.isEmpty())) {   // an exit, now or late
                long t;
                String s;
                Side side;
                double profit;
                if (!open.isEmpty() && r.nextInt(5) != 0) {
                    Position p = open.remove(r.nextInt(open.size()));
                    t = p.ticket();
                    s = p.symbol();
                    side = p.side().opposite();
                    profit = p.profit();
                    closed.add(t);
                } else {
                    t = closed.isEmpty() ? 999_999 : closed.get(r.nextInt(closed.size()));
                    s = "EURUSD";
                    side = Side.SELL;
                    profit = 0;
                }
                if (balance + profit < 1) profit = 0;
                balance = Math.round((balance + profit) * 100) / 100.0;
                Fill f = new Fill(deal++, t, t, "s" + t, s, side, FillEntry.OUT, 1.1, 0.1, 0, 0, profit, now[0], "");
                assertThat(fast.onFill(PEER, now[0], f)).as(at).isEqualTo(plain.onFill(PEER, now[0], f));
            } else if (what < 80) {                            // the terminal lists the same positions in another order
                Collections.shuffle(open, new java.util.Random(r.nextLong()));
            } else if (what < 95) {                            // an order checked (refused with one or more hits at times)
                String s = SYMBOLS[r.nextInt(SYMBOLS.length)];
                OrderIntent o = OrderIntent.open(s, Side.BUY, 0.1 * (1 + r.nextInt(60)), 1.1, 0, r.nextInt(15) == 0 ? 0.9 : 1.09, 0, 0,
                        now[0] + 60_000, "", "", 0, "");
                PreTradeVerdict v = fast.check(o, terminal);
                assertThat(v).as(at).isEqualTo(plain.check(o, terminal));
                if (!v.allowed()) refusals++;
            } else {
                assertThat(fast.onClock(PEER, now[0])).as(at).isEqualTo(plain.onClock(PEER, now[0]));
            }
            assertThat(fast.action(PEER)).as(at).isEqualTo(plain.action(PEER));
            assertThat(fast.headroom(PEER)).as(at).isEqualTo(plain.headroom(PEER));
            if (step % 50 == 0) {
                fast.publish();
                plain.publish();
                assertThat(fast.snapshots()).as(at).isEqualTo(plain.snapshots());
                String key = AccountGovernors.accountOf(PEER);
                assertThat(fastStore.load(key, profile)).as(at + ": saved state").isEqualTo(plainStore.load(key, profile));
                assertThat(fast.openTimesKept(PEER)).as(at).isEqualTo(plain.openTimesKept(PEER));
                for (long t : tickets) assertThat(fast.openTimeKept(PEER, t)).as(at + " ticket " + t).isEqualTo(plain.openTimeKept(PEER, t));
                kept++;
            }
        }
        assertThat(refusals).as(profile + ": orders refused at times").isGreaterThan(0);
        assertThat(kept).isGreaterThan(0);
    }
}
