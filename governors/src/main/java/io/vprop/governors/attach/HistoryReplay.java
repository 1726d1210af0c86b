package io.vprop.governors.attach;

import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.DailyLossConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.MaxLossConfig;
import io.vprop.governors.profile.TradingDaysConfig;
import io.vprop.governors.time.FirmDayClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the firm state of an account VProp is attached to mid-challenge from its deal history: what the engine
 * would hold had it been attached at the challenge start and seen every deal (a flat snapshot after each).
 * Pure: no I/O, no clock. The EA runs the same function (Governors.mqh, VPGovAttach); the scenario files'
 * {@code attach} section is the contract.
 *
 * <p>Rules (docs/governors.md, "State on attach"):
 * <ul>
 *   <li>Start: the configured one, else the time of the history's first deal, which must be a deposit.</li>
 *   <li>Initial balance: the deposit that is the challenge's first deal (equal to the configured one if both are
 *       known), else the configured one; never the current balance.</li>
 *   <li>Complete: initial + every deal since the start must equal the balance now, to the cent; otherwise the history
 *       is short (or the start wrong) and trading stays blocked ({@link #HISTORY}).</li>
 *   <li>Days roll on the profile's firm clock exactly as the engine rolls them: a deal at the reset belongs to the new
 *       day; a day counts as a trading day when a position was opened in it; the day's profit is its trade deals' net
 *       money (balance operations move the balance, not the profit); the best day is the best completed one.</li>
 *   <li>High-water mark: static = initial; end-of-day = the highest balance at a reset; closed balance = the highest
 *       balance after a deal. Intraday equity peaks are not in a deal history: once the challenge has traded such a
 *       profile stays blocked ({@link #HIGH_WATER}).</li>
 *   <li>Day-start equity: equals the day-start balance when no position was open across today's reset (exact). When
 *       one was, it is unknown; for a balance anchor it is not needed, for an equity or higher-of anchor new entries are
 *       blocked until the next reset ({@link #DAY_START_EQUITY}), when the engine takes the anchor from the account
 *       itself, and today's floor is computed from the balance (the lower anchor: it never halts for nothing).</li>
 * </ul>
 */
public final class HistoryReplay {
    /** The history cannot prove the start, the initial balance or the balance: nothing may be opened. */
    public static final String HISTORY = "attach.history";
    /** The profile trails intraday equity, which a deal history cannot prove. */
    public static final String HIGH_WATER = "attach.high-water";
    /** A position was open across today's reset and the profile's daily anchor reads equity: blocked until the next reset. */
    public static final String DAY_START_EQUITY = "attach.day-start-equity";

    static final String CONFIGURE = "Set the EA inputs ChallengeStart (the challenge's first day, YYYY.MM.DD) and InitialBalance"
            + " (its starting balance), or load the whole account history in the terminal (History tab, right-click, All history),"
            + " then re-attach.";

    private HistoryReplay() {}

    public static AttachState rebuild(FirmProfile profile, AttachInput in) {
        if (profile == null) throw new IllegalArgumentException("profile: missing value");
        if (in == null) throw new IllegalArgumentException("attach: missing value");
        List<HistoryDeal> deals = new ArrayList<>(in.deals());
        deals.sort(Comparator.comparingLong(HistoryDeal::timeMs)); // stable: the terminal's order among equal times
        long start = in.startMs();
        if (start == AttachInput.NO_START) {
            if (deals.isEmpty())
                return AttachState.blocked(HISTORY, "Unknown challenge start: the terminal's deal history is empty. " + CONFIGURE,
                        in, 0, in.initialBalance(), 0);
            HistoryDeal first = deals.get(0);
            if (first.kind() != HistoryDeal.Kind.BALANCE || first.amount() <= 0)
                return AttachState.blocked(HISTORY, "Unknown challenge start: the first deal in the terminal's history ("
                        + time(first.timeMs()) + ") is not the account's initial deposit, so the history does not reach back to the start. "
                        + CONFIGURE, in, 0, in.initialBalance(), 0);
            start = first.timeMs();
        }
        int from = 0;
        while (from < deals.size() && deals.get(from).timeMs() < start) from++;
        long initialCents;
        if (from < deals.size() && isDeposit(deals.get(from))
                && (Double.isNaN(in.initialBalance()) || Cents.of(in.initialBalance()) == Cents.of(deals.get(from).amount()))) {
            initialCents = Cents.of(deals.get(from).amount());
            from++;
        } else if (!Double.isNaN(in.initialBalance())) {
            initialCents = Cents.of(in.initialBalance());
        } else {
            return AttachState.blocked(HISTORY, "Unknown initial balance: no deposit at the challenge start " + time(start)
                    + " in the terminal's history. " + CONFIGURE, in, start, Double.NaN, 0);
        }
        double initial = Cents.toDouble(initialCents);
        int read = deals.size() - from;
        long sum = initialCents;
        boolean traded = false;
        for (int i = from; i < deals.size(); i++) {
            sum += Cents.of(deals.get(i).amount());
            traded |= deals.get(i).kind() == HistoryDeal.Kind.IN;
        }
        long balanceNow = Cents.of(in.balance());
        if (sum != balanceNow)
            return AttachState.blocked(HISTORY, "History too short: the initial balance " + money(initialCents) + " and the " + read
                    + " deals since the challenge start " + time(start) + " add up to " + money(sum) + ", the account's balance is "
                    + money(balanceNow) + " (" + money(balanceNow - sum) + " unaccounted for). " + CONFIGURE, in, start, initial, read);
        MaxLossConfig.Mode mode = profile.maxLoss().mode();
        if (mode == MaxLossConfig.Mode.TRAILING_INTRADAY_EQUITY && traded)
            return AttachState.blocked(HIGH_WATER, "The profile's maximum loss trails the intraday equity peak, which is not in the deal"
                    + " history of a challenge that has traded: VProp cannot place the floor. Attach VProp before the first trade, or"
                    + " use a profile whose maximum loss the firm computes from balances.", in, start, initial, read);

        Replay r = new Replay(profile, start, initialCents);
        for (int i = from; i < deals.size(); i++) r.deal(deals.get(i));
        long now = Math.max(in.nowMs(), r.lastMs);
        r.rollTo(now);

        DailyLossConfig daily = profile.dailyLoss();
        boolean equityAnchor = daily != null && daily.anchor() != DailyLossConfig.Anchor.BALANCE;
        String rule = "", reason = "";
        long until = 0;
        if (r.openAtDayStart && equityAnchor) {
            rule = DAY_START_EQUITY;
            until = r.nextReset;
            reason = "A position was open across today's reset at " + time(r.dayStart) + ": the day-start equity the daily loss is"
                    + " anchored on is not in the deal history. New entries are blocked until the next reset at " + time(until)
                    + "; today's floor is computed from the day-start balance " + money(r.dayStartBalance) + ".";
        }
        return new AttachState(AttachState.Status.OK, rule, reason, until, start, initial, in.nowMs(), in.balance(), in.equity(),
                r.dayStart, r.nextReset, Cents.toDouble(r.dayStartBalance), Cents.toDouble(r.dayStartBalance),
                Cents.toDouble(r.highWater), r.tradingDays, r.tradedToday, r.profitableDays,
                Cents.toDouble(r.dayProfit), Cents.toDouble(r.bestDay), read);
    }

    private static boolean isDeposit(HistoryDeal d) {
        return d.kind() == HistoryDeal.Kind.BALANCE && d.amount() > 0;
    }

    /** The walk itself, in cents, day by day on the firm's clock. */
    private static final class Replay {
        final FirmDayClock clock;
        final MaxLossConfig.Mode mode;
        final long profitableCents;     // Long.MAX_VALUE when the profile counts no profitable days
        final Map<Long, Long> open = new HashMap<>(); // position id -> open volume in 1e-6 lots
        long dayStart, nextReset, lastMs;
        long balance, dayStartBalance, highWater, dayProfit, bestDay;
        int tradingDays, profitableDays;
        boolean tradedToday, openAtDayStart;

        Replay(FirmProfile p, long start, long initialCents) {
            clock = p.dayClock();
            mode = p.maxLoss().mode();
            TradingDaysConfig td = p.tradingDays();
            profitableCents = td != null && td.profitableDayPct() > 0 ? Cents.pctOf(initialCents, td.profitableDayPct(), true) : Long.MAX_VALUE;
            dayStart = clock.dayStart(start);
            nextReset = clock.nextReset(start);
            lastMs = start;
            balance = dayStartBalance = highWater = initialCents;
        }

        void deal(HistoryDeal d) {
            rollTo(d.timeMs());
            lastMs = Math.max(lastMs, d.timeMs());
            long c = Cents.of(d.amount());
            balance += c;
            long lots = Math.round(d.volume() * 1e6);
            switch (d.kind()) {
                case IN -> {
                    tradedToday = true;
                    dayProfit += c;
                    open.merge(d.positionId(), lots, Long::sum);
                }
                case OUT -> {
                    dayProfit += c;
                    Long left = open.get(d.positionId());
                    if (left != null) {
                        if (left - lots <= 0) open.remove(d.positionId()); else open.put(d.positionId(), left - lots);
                    }
                }
                case BALANCE -> { } // moves the balance only: not profit, not a trading day
            }
            if (mode == MaxLossConfig.Mode.TRAILING_CLOSED_BALANCE) highWater = Math.max(highWater, balance);
        }

        /** Closes every day whose reset is at or before {@code t} (the engine's advanceDay). */
        void rollTo(long t) {
            while (t >= nextReset) {
                if (tradedToday) tradingDays++;
                if (dayProfit >= profitableCents) profitableDays++;
                bestDay = Math.max(bestDay, dayProfit);
                if (mode == MaxLossConfig.Mode.TRAILING_EOD_BALANCE) highWater = Math.max(highWater, balance);
                dayStart = nextReset;
                nextReset = clock.nextReset(dayStart);
                dayStartBalance = balance;
                openAtDayStart = !open.isEmpty();
                tradedToday = false;
                dayProfit = 0;
            }
        }
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** Exact cents as the engine's sentences write money ("95,000.76", "-1,234.50"). */
    static String money(long cents) {
        long a = Math.abs(cents);
        String whole = Long.toString(a / 100);
        StringBuilder b = new StringBuilder();
        if (cents < 0) b.append('-');
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) b.append(',');
            b.append(whole.charAt(i));
        }
        long frac = a % 100;
        return b.append('.').append(frac < 10 ? "0" : "").append(frac).toString();
    }
}
