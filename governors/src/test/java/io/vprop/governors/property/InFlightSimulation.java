package io.vprop.governors.property;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One random interleaving of a sidecar and a terminal (issue 17): the sidecar checks signals on its governors and sends
 * the allowed ones; the terminal executes them later (or rejects them, or lets them expire, or loses the answer), its
 * fills, acks and account snapshots reach the sidecar in the order it sent them but late (so snapshots are stale or
 * fresh), prices move, positions are stopped out with a gap, taken profit on, or partly closed, signals are resent
 * under the same id. As in the kernel, the sidecar's governors run on the terminal's clock: every event is stamped with
 * the newest time the terminal has stamped a message it received (PeerSession#nowMs), and a signal's expiry is set on
 * that clock; the terminal refuses a signal after its expiry on its own clock.
 *
 * <p>The claim, checked after every step on the terminal's true state: what the account would hold if every position
 * and every signal that can still execute lost down to its stop — the balance, plus each open position's P&amp;L at
 * its stop from its actual (slipped) fill, minus each executable signal's loss at its stop with the profile's entry
 * slippage allowance — is not below the day's floor (the higher of the daily and the overall floor) by more than the
 * stated gap allowance the stops actually used. Fill slippage is drawn within the profile's slippage allowance and
 * stop gaps within its gap allowance: the prices the profile states it covers.
 */
final class InFlightSimulation {
    static final double MPPU = 100_000;        // a 1.0 move for 1 lot
    static final long T0 = 1_715_673_600_000L; // 2024-05-14T08:00:00Z, a Tuesday: 10:00 in Prague, far from any reset
    static final List<String> PROFILES = List.of("ftmo-2step", "ftmo-1step", "fundednext-stellar-2step",
            "fundingpips-2step", "the5ers-high-stakes", "topstep-50k", "custom-30pct-slippage");
    private static final String CUSTOM = """
            { "id": "custom-30pct-slippage", "name": "test", "dayReset": { "zone": "UTC", "time": "00:00", "source": "test" },
              "dailyLoss": { "limitPct": 3, "base": "INITIAL", "anchor": "BALANCE", "outcome": "BREACH", "source": "test" },
              "maxLoss": { "limitPct": 6, "mode": "STATIC", "source": "test" },
              "preTrade": { "slippagePctOfRisk": 30, "gapPctOfRisk": 5, "source": "test" } }""";

    /** What one interleaving (or many, summed) came to. */
    record Tally(long interleavings, long events, long checks, long accepted, long violations, double worstShortfall,
                 String firstViolation) {
        Tally plus(Tally o) {
            return new Tally(interleavings + o.interleavings, events + o.events, checks + o.checks, accepted + o.accepted,
                    violations + o.violations, Math.max(worstShortfall, o.worstShortfall),
                    firstViolation != null ? firstViolation : o.firstViolation);
        }

        static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, null);
    }

    private static final java.util.Map<String, FirmProfile> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    static FirmProfile profile(String id) {
        return LOADED.computeIfAbsent(id, k -> k.equals("custom-30pct-slippage") ? ProfileLoader.json(CUSTOM, "test")
                : ProfileLoader.bundled(k));
    }

    private static final class Sig {
        final String id;
        final double lots, entry, sl, loss;
        final long expiryMs;

        Sig(String id, double lots, double entry, double sl, double loss, long expiryMs) {
            this.id = id; this.lots = lots; this.entry = entry; this.sl = sl; this.loss = loss; this.expiryMs = expiryMs;
        }
    }

    private static final class Pos {
        final long ticket;
        final String id;
        final double fill, sl, entry;
        double lots, price;
        final long openMs;

        Pos(long ticket, String id, double lots, double fill, double sl, double entry, long openMs) {
            this.ticket = ticket; this.id = id; this.lots = lots; this.fill = fill; this.sl = sl; this.entry = entry;
            this.price = entry; this.openMs = openMs;
        }

        double pnlAtStop() { return (sl - fill) * lots * MPPU; }

        double floating() { return (price - fill) * lots * MPPU; }
    }

    private final Random r;
    private final FirmProfile profile;
    private final GovernorEngine g;
    private final double slip, gap, initial;
    private final double floor;
    private long t = T0, nextTicket = 1;
    private long heard = T0;                                           // the terminal's clock as the sidecar knows it
    private int nextSignal = 1;
    private double balance;
    private double gapUsed;
    private final List<Pos> open = new ArrayList<>();
    private final ArrayDeque<Sig> inbox = new ArrayDeque<>();          // sent, not yet taken by the terminal
    private final List<Sig> sent = new ArrayList<>();                  // for resends
    private final ArrayDeque<GovernorEvent> outbox = new ArrayDeque<>(); // the terminal's messages, not yet read
    private long events, checks, accepted, violations;
    private double worstShortfall;
    private String firstViolation;
    private final StringBuilder trace;

    InFlightSimulation(long seed, boolean trace) {
        this.r = new Random(seed);
        String id = PROFILES.get(r.nextInt(PROFILES.size()));
        this.profile = profile(id);
        this.initial = id.equals("topstep-50k") ? 50_000 : 100_000;
        this.g = GovernorEngine.start(profile, initial, "USD");
        this.slip = profile.preTrade().slippagePctOfRisk() / 100.0;
        this.gap = profile.preTrade().gapPctOfRisk() / 100.0;
        this.balance = initial;
        feed(new AccountSnapshot(t, initial, initial));
        StateSnapshot s = g.snapshot();
        this.floor = Math.max(s.dailyFloor(), s.overallFloor());
        this.trace = trace ? new StringBuilder("seed " + seed + " " + id + " floor " + floor + "\n") : null;
    }

    /** Plays {@code steps} random steps and returns the tally. */
    Tally run(int steps) {
        for (int i = 0; i < steps; i++) {
            t += r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(3_000);      // several events may share a millisecond
            switch (r.nextInt(9)) {
                case 0, 1 -> sendSignal();
                case 2 -> resend();
                case 3 -> terminalTakesSignal();
                case 4 -> movePrice();
                case 5 -> outbox.add(snapshot());
                case 6, 7 -> deliver(1 + r.nextInt(3));
                default -> feed(new ClockTick(heard));
            }
            check(i);
        }
        return new Tally(1, events, checks, accepted, violations, worstShortfall, firstViolation);
    }

    private void sendSignal() {
        double loss = initial * (0.002 + r.nextDouble() * 0.04);          // 0.2 % to 4.2 % of the account at the stop
        double stopDistance = 0.001 + r.nextDouble() * 0.009;
        double lots = loss / (stopDistance * MPPU);
        double entry = 1.1;
        long expiry = heard + (r.nextBoolean() ? 5_000 : 60_000);
        Sig s = new Sig("s" + nextSignal++, lots, entry, entry - stopDistance, loss, expiry);
        if (check(s)) {
            accepted++;
            inbox.add(s);
            sent.add(s);
        }
    }

    /** The same signal checked again (a resend): the terminal executes an id at most once, so truth is unchanged. */
    private void resend() {
        if (sent.isEmpty()) return;
        check(sent.get(r.nextInt(sent.size())));
    }

    private boolean check(Sig s) {
        checks++;
        OrderIntent o = OrderIntent.open("EURUSD", Side.BUY, s.lots, s.entry, 0, s.sl, 0, 0, s.expiryMs, "", "", 0, "");
        return feed(new OrderCheck(heard, o, Double.NaN, MPPU, s.id)) == Action.ALLOW;
    }

    /** The terminal takes the oldest signal: executes it (fill slipped within the allowance), rejects it, or loses the answer. */
    private void terminalTakesSignal() {
        Sig s = inbox.poll();
        if (s == null) return;
        int k = r.nextInt(10);
        if (t > s.expiryMs || k < 2) {                                  // expired or refused by the terminal
            if (k != 0) outbox.add(new OrderAck(t, s.id, OrderStatus.REJECTED, 0));   // k == 0: the answer is lost
            return;
        }
        double slipMoney = r.nextDouble() * slip * s.loss;
        double fill = s.entry + slipMoney / (s.lots * MPPU);
        Pos p = new Pos(nextTicket++, s.id, s.lots, fill, s.sl, s.entry, t);
        p.price = fill;
        open.add(p);
        // the EA: the ack at once; the timer's snapshot may go out before OnTradeTransaction sends the fill
        if (r.nextInt(5) != 0) outbox.add(new OrderAck(t, s.id, OrderStatus.EXECUTED, p.ticket));
        if (r.nextBoolean()) outbox.add(snapshot());
        outbox.add(new FillEvent(t, new Fill(p.ticket, p.ticket, p.ticket, s.id, "EURUSD", Side.BUY, FillEntry.IN, fill,
                s.lots, 0, 0, 0, t, ""), t));
    }

    /** A position's price moves; through its stop it closes with a gap within the allowance; or takes profit or halves. */
    private void movePrice() {
        if (open.isEmpty()) return;
        Pos p = open.get(r.nextInt(open.size()));
        double stopDistance = p.entry - p.sl;
        p.price = p.sl + r.nextDouble() * 3 * stopDistance;
        int k = r.nextInt(10);
        if (p.price - p.sl < 0.2 * stopDistance || k == 0) {            // stopped out, with a gap
            double nominal = (p.entry - p.sl) * p.lots * MPPU;          // the check's loss at the stop for this volume
            double gapMoney = r.nextDouble() * gap * nominal;
            p.price = p.sl - gapMoney / (p.lots * MPPU);
            gapUsed += gapMoney;
            close(p, p.lots);
        } else if (k == 1) {
            close(p, p.lots);                                           // profit or loss at market, above the stop
        } else if (k == 2) {
            close(p, p.lots / 2);                                       // a partial close at market
        }
    }

    private void close(Pos p, double lots) {
        double profit = (p.price - p.fill) * lots * MPPU;
        balance += profit;
        p.lots -= lots;
        if (p.lots <= 1e-12) open.remove(p);
        if (r.nextBoolean()) outbox.add(snapshot());                    // sampled after the close, sent before its fill
        outbox.add(new FillEvent(t, new Fill(nextTicket++, 0, p.ticket, p.id, "EURUSD", Side.SELL, FillEntry.OUT, p.price,
                lots, 0, 0, profit, t, "sl"), p.openMs));
    }

    private AccountSnapshot snapshot() {
        List<ValuedPosition> ps = new ArrayList<>(open.size());
        double equity = balance;
        for (Pos p : open) {
            equity += p.floating();
            ps.add(new ValuedPosition(new Position(p.ticket, "EURUSD", Side.BUY, p.lots, p.fill, p.sl, 0, p.floating(), 0, 0,
                    p.openMs, p.id), MPPU));
        }
        return new AccountSnapshot(t, balance, Math.max(0, equity), ps, 0);
    }

    /** The sidecar reads the oldest messages, in order: each carries the terminal's time of sending. */
    private void deliver(int n) {
        for (int i = 0; i < n && !outbox.isEmpty(); i++) {
            GovernorEvent e = outbox.poll();
            heard = Math.max(heard, e.timeMs());
            feed(e);
        }
    }

    private Action feed(GovernorEvent e) {
        events++;
        Action a = g.evaluateAction(e);
        if (trace != null) trace.append(t - T0).append(' ').append(e).append(" -> ").append(a).append('\n');
        return a;
    }

    private void check(int step) {
        double worst = balance;
        for (Pos p : open) worst += p.pnlAtStop();
        for (Sig s : inbox) if (t <= s.expiryMs) worst -= s.loss * (1 + slip);  // can still execute
        double shortfall = floor - gapUsed - worst;
        if (shortfall > 1e-6) {
            violations++;
            worstShortfall = Math.max(worstShortfall, shortfall);
            if (firstViolation == null) firstViolation = "step " + step + ": worst " + worst + " floor " + floor
                    + " gap used " + gapUsed + (trace == null ? "" : "\n" + trace);
        }
    }
}
