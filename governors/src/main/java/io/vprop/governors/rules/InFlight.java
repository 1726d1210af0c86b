package io.vprop.governors.rules;

import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders the account snapshot does not show yet: signals allowed but not answered, and fills newer than the last
 * snapshot. Each counts in the pre-trade worst case with the worst case it was allowed with, so a second entry sent
 * before the terminal's next snapshot is judged with the first one in it.
 *
 * <p>An entry is keyed by its signal id (idempotent: a second reservation under the same id is the same order) and
 * leaves when
 * <ul>
 *   <li>the terminal rejects the signal (also an expired one), or it is neither filled nor executed by its expiry plus
 *       {@link #GRACE_MS} (a lost answer must not block the account for good);</li>
 *   <li>a snapshot shows its position (same signal id, or the ticket its fill or ack named): from then on the snapshot's
 *       position counts, never both;</li>
 *   <li>its position was closed by exit fills before any snapshot showed it, and a snapshot has come since: until then
 *       the account's equity (which only snapshots bring) does not know the realised loss, and the reservation stands
 *       for it.</li>
 * </ul>
 * An entry fill for a position no snapshot showed and no reservation covers (a trade VProp did not check) counts as
 * unbounded until a snapshot shows it: its stop is not known. What is in flight, and the ids released lately, are part
 * of the state the sidecar keeps ({@link #export()}, {@link #restore}): a signal sent before a restart is still
 * executed after it, with its reservation.
 */
public final class InFlight {
    /** How long after its expiry an unanswered signal is still counted: the terminal may execute it at its expiry. */
    public static final long GRACE_MS = 60_000;
    private static final int RELEASED = 64;
    private static final double EPS = 1e-9;

    /**
     * An order in flight as the governors' saved state keeps it (EngineState#inFlight): a signal sent before a restart
     * is still executed after it (the channel resends what the terminal has not acknowledged), and forgetting its
     * worst case would let the next entry pass as if it were not there.
     *
     * @param risk      its worst case in the account currency; {@code Infinity} for a fill whose stop is not known
     * @param expiresMs its expiry plus the grace; {@link Long#MAX_VALUE}: none
     * @param closed    exit fills took all of its volume (it waits for the next snapshot)
     */
    public record Order(String signalId, long ticket, double lots, double remaining, double risk, long expiresMs,
                        boolean filled, boolean closed) {
        public Order {
            if (signalId == null) throw new IllegalArgumentException("inFlight.signalId: missing value");
            if (Double.isNaN(risk) || risk < 0) throw new IllegalArgumentException("inFlight.risk: must be a number >= 0, got " + risk);
            if (!Double.isFinite(lots) || lots < 0) throw new IllegalArgumentException("inFlight.lots: must be a finite number >= 0, got " + lots);
            if (!Double.isFinite(remaining)) throw new IllegalArgumentException("inFlight.remaining: must be a finite number, got " + remaining);
        }
    }

    private static final class Entry {
        final String signalId;
        long ticket;
        final double lots;
        double remaining;
        double risk;
        final long expiresMs;
        boolean filled;
        boolean closed;      // exit fills took all of its volume: it waits for the next snapshot
        /**
         * Filled before the state was restored (a restart, or the engine a reconnect's firm_state replaced): the next
         * snapshot was sampled after that fill, so a position it does not show is no longer open (closed meanwhile,
         * or an account started afresh) and the entry leaves with it instead of waiting for good.
         */
        boolean carried;

        Entry(String signalId, long ticket, double lots, double risk, long expiresMs, boolean filled) {
            this.signalId = signalId;
            this.ticket = ticket;
            this.lots = lots;
            this.remaining = lots;
            this.risk = risk;
            this.expiresMs = expiresMs;
            this.filled = filled;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Ids a snapshot took over lately: a late fill or a resent signal of one of them is not a new order. */
    private final String[] released = new String[RELEASED];
    /** Their hash codes, by place: most ids asked about are none of them, and an int compare tells (a String keeps its hash). */
    private final int[] releasedHash = new int[RELEASED];
    private int releasedCount;

    public boolean isEmpty() { return entries.isEmpty(); }

    /** What is in flight, in order, as the state keeps it (EngineState#inFlight). */
    public List<Order> export() {
        List<Order> out = new ArrayList<>(entries.size());
        for (Entry e : entries)
            out.add(new Order(e.signalId, e.ticket, e.lots, e.remaining, e.risk, e.expiresMs, e.filled, e.closed));
        return out;
    }

    /** The ids a snapshot took over lately, oldest first (EngineState#releasedSignals): the last 64 at most. */
    public List<String> exportReleased() {
        int n = Math.min(releasedCount, RELEASED);
        List<String> out = new ArrayList<>(n);
        for (int i = releasedCount - n; i < releasedCount; i++) out.add(released[i % RELEASED]);
        return out;
    }

    /**
     * Continues from {@link #export()} and {@link #exportReleased()} (a restart, or a reconnect's new engine): replaces
     * what is here. An order already filled then leaves at the next snapshot if that does not show it: the snapshot
     * was sampled after the fill (the terminal sends one after every welcome), so its position is no longer open. A
     * signal not answered yet stays until its answer, a snapshot showing it, or its expiry, as before.
     */
    public void restore(List<Order> orders, List<String> releasedIds) {
        entries.clear();
        for (Order o : orders) {
            Entry e = new Entry(o.signalId(), o.ticket(), o.lots(), o.risk(), o.expiresMs(), o.filled());
            e.remaining = o.remaining();
            e.closed = o.closed();
            e.carried = o.filled();
            entries.add(e);
        }
        Arrays.fill(released, null);
        Arrays.fill(releasedHash, 0);
        releasedCount = 0;
        int from = Math.max(0, releasedIds.size() - RELEASED);
        for (int i = from; i < releasedIds.size(); i++) {
            String id = releasedIds.get(i);
            int at = releasedCount++ % RELEASED;
            released[at] = id;
            releasedHash[at] = id.hashCode();
        }
    }

    public int size() { return entries.size(); }

    /** The worst case of everything in flight; infinite when one of them is unbounded. */
    public double risk() {
        return riskExcluding("");
    }

    /** The same without the entry of {@code signalId} ("" excludes nothing): a resent signal is judged without itself. */
    public double riskExcluding(String signalId) {
        double r = 0;
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            if (!signalId.isEmpty() && signalId.equals(e.signalId)) continue;
            r += e.risk;
        }
        return r;
    }

    /** True when the id is in flight or was released lately. */
    public boolean known(String signalId) {
        return find(signalId) >= 0 || wasReleased(signalId);
    }

    /**
     * Counts an allowed order under its signal id until the terminal answers for it. Nothing when the id is already
     * in flight or was released lately (the same signal again).
     *
     * @param expiryMs the signal's expiry (0 = none)
     */
    public void reserve(String signalId, double worstCase, double lots, long expiryMs) {
        if (signalId.isEmpty() || known(signalId)) return;
        long expires = expiryMs <= 0 || expiryMs > Long.MAX_VALUE - GRACE_MS ? Long.MAX_VALUE : expiryMs + GRACE_MS;
        entries.add(new Entry(signalId, 0, lots, worstCase, expires, false));
    }

    /**
     * A resting pending order filled (its {@code order} message or its entry fill came before the snapshot showing the
     * position): its worst case moves here, filled, under its signal id and the order's ticket (an MT5 position opened
     * by a pending order carries the order's ticket) until a snapshot shows the position. Nothing when already here.
     */
    public void holdFilled(String signalId, long ticket, double worstCase, double lots) {
        int i = find(signalId);
        if (i < 0 && ticket != 0) i = findTicket(ticket);
        if (i >= 0) {
            Entry e = entries.get(i);
            e.filled = true;
            if (ticket != 0) e.ticket = ticket;
            return;
        }
        entries.add(new Entry(signalId, ticket, lots, worstCase, Long.MAX_VALUE, true));
    }

    /** Drops the unanswered reservations whose expiry (plus grace) has passed. */
    public void expire(long nowMs) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (!e.filled && nowMs >= e.expiresMs) release(i, false);
        }
    }

    public void onAck(String signalId, OrderStatus status, long ticket) {
        int i = find(signalId);
        if (i < 0) return;
        Entry e = entries.get(i);
        if (status == OrderStatus.REJECTED && !e.filled) release(i, false);
        else if (status == OrderStatus.EXECUTED && ticket != 0) {   // without a ticket (a delayed order): expiry still applies
            e.filled = true;
            e.ticket = ticket;
        }
    }

    /** A fill, learnt after the snapshot {@code positions}. */
    public void onFill(Fill f, List<ValuedPosition> positions) {
        long ticket = f.position();
        if (f.opens()) {
            int i = find(f.signalId());
            if (i >= 0) {
                Entry e = entries.get(i);
                e.filled = true;
                if (ticket != 0) e.ticket = ticket;
                return;
            }
            // a fill for a position nobody reserved: unbounded until a snapshot shows it (its stop is not known)
            if (ticket == 0 || findTicket(ticket) >= 0 || wasReleased(f.signalId()) || shows(positions, "", ticket)) return;
            entries.add(new Entry(f.signalId(), ticket, f.volume(), Double.POSITIVE_INFINITY, Long.MAX_VALUE, true));
            return;
        }
        int i = ticket != 0 ? findTicket(ticket) : -1;
        if (i < 0) {
            int k = find(f.signalId());
            if (k >= 0 && entries.get(k).filled) i = k;
        }
        if (i < 0) return;
        Entry e = entries.get(i);
        // the risk is kept whole: the loss realised so far is in the balance, not in the equity the headroom reads
        e.remaining -= f.volume();
        if (e.remaining <= EPS) e.closed = true;
    }

    /**
     * A snapshot: what it shows counts from now on instead of the reservation, and a position closed before it is in
     * its balance and equity.
     */
    public void onSnapshot(List<ValuedPosition> positions, List<ValuedOrder> orders) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.closed || shows(positions, e.signalId, e.ticket) || rests(orders, e.signalId, e.ticket)) release(i, true);
            else if (e.carried) release(i, false);
        }
    }

    /** A pending order's reservation ends when it rests at the terminal: from then on the resting order counts. */
    public void onResting(String signalId, long ticket) {
        int i = find(signalId);
        if (i < 0 && ticket != 0) i = findTicket(ticket);
        if (i >= 0) release(i, true);
    }

    private static boolean rests(List<ValuedOrder> orders, String signalId, long ticket) {
        for (int k = 0, n = orders.size(); k < n; k++) {
            var o = orders.get(k).order();
            if (!signalId.isEmpty() && signalId.equals(o.signalId())) return true;
            if (ticket != 0 && ticket == o.ticket()) return true;
        }
        return false;
    }

    private static boolean shows(List<ValuedPosition> positions, String signalId, long ticket) {
        for (int k = 0, n = positions.size(); k < n; k++) {
            var p = positions.get(k).position();
            if (!signalId.isEmpty() && signalId.equals(p.signalId())) return true;
            if (ticket != 0 && ticket == p.ticket()) return true;
        }
        return false;
    }

    private int find(String signalId) {
        if (signalId.isEmpty()) return -1;
        for (int i = 0, n = entries.size(); i < n; i++) if (signalId.equals(entries.get(i).signalId)) return i;
        return -1;
    }

    private int findTicket(long ticket) {
        for (int i = 0, n = entries.size(); i < n; i++) if (entries.get(i).ticket == ticket) return i;
        return -1;
    }

    private boolean wasReleased(String signalId) {
        if (signalId.isEmpty()) return false;
        int h = signalId.hashCode();
        for (int i = 0, n = Math.min(releasedCount, RELEASED); i < n; i++) if (releasedHash[i] == h && signalId.equals(released[i])) return true;
        return false;
    }

    /**
     * @param shown a snapshot took it over: a late fill of it is not new. A rejected or expired one is not remembered:
     *              a fill for it after all is a position no snapshot shows, and counts as unbounded until one does.
     */
    private void release(int i, boolean shown) {
        Entry e = entries.remove(i);
        if (shown && !e.signalId.isEmpty()) {
            int at = releasedCount++ % RELEASED;
            released[at] = e.signalId;
            releasedHash[at] = e.signalId.hashCode();
        }
    }
}
