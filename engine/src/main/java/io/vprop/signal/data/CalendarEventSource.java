package io.vprop.signal.data;

import io.vprop.signal.alpha.EventSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link EventSource} over calendar events. The surprise of an event is actual − forecast divided by the RMS of that
 * same event's PAST surprises (no look-ahead; with fewer than 3 past surprises the scale is 10 % of |forecast|, at
 * least 0.1), sign-flipped for events where higher is worse for the currency (unemployment, jobless claims), and
 * squashed with tanh into [-1, 1]. {@link #surprise} returns it for {@code lookbackMs} after the release, else 0.
 * Lookups are a binary search over primitive arrays (no allocation).
 */
public final class CalendarEventSource implements EventSource {
    private final long lookbackMs;
    private final Map<String, long[]> times = new HashMap<>();
    private final Map<String, double[]> values = new HashMap<>();

    public CalendarEventSource(List<CalendarEvent> events, long lookbackMs) {
        if (lookbackMs <= 0) throw new IllegalArgumentException("lookbackMs must be > 0, was " + lookbackMs);
        this.lookbackMs = lookbackMs;
        List<CalendarEvent> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
        Map<String, double[]> pastSq = new HashMap<>(); // event name -> {sum of squared surprises, count}
        Map<String, List<long[]>> tByCcy = new HashMap<>();
        Map<String, List<Double>> vByCcy = new HashMap<>();
        for (CalendarEvent e : sorted) {
            if (!e.hasSurprise()) continue;
            double diff = e.actual() - e.forecast();
            double[] acc = pastSq.computeIfAbsent(e.event(), k -> new double[2]);
            double scale = acc[1] >= 3 ? Math.sqrt(acc[0] / acc[1]) : Math.max(0.1 * Math.abs(e.forecast()), 0.1);
            acc[0] += diff * diff;
            acc[1]++;
            if (!(scale > 0)) continue;
            double z = diff / scale;
            if (higherIsWorse(e.event())) z = -z;
            tByCcy.computeIfAbsent(e.currency(), k -> new ArrayList<>()).add(new long[]{e.timeMs()});
            vByCcy.computeIfAbsent(e.currency(), k -> new ArrayList<>()).add(Math.tanh(z));
        }
        for (String ccy : tByCcy.keySet()) {
            List<long[]> ts = tByCcy.get(ccy);
            List<Double> vs = vByCcy.get(ccy);
            long[] t = new long[ts.size()];
            double[] v = new double[vs.size()];
            for (int i = 0; i < t.length; i++) { t[i] = ts.get(i)[0]; v[i] = vs.get(i); }
            times.put(ccy, t);
            values.put(ccy, v);
        }
    }

    static boolean higherIsWorse(String event) {
        String e = event.toLowerCase(Locale.ROOT);
        return e.contains("unemployment") || e.contains("jobless") || e.contains("claims");
    }

    @Override
    public double surprise(String currency, long timeMs) {
        long[] t = times.get(currency);
        if (t == null) return 0.0;
        int lo = 0, hi = t.length - 1, idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= timeMs) { idx = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (idx < 0 || timeMs - t[idx] > lookbackMs) return 0.0;
        return values.get(currency)[idx];
    }

    public int currencies() { return times.size(); }

    public int events(String currency) {
        long[] t = times.get(currency);
        return t == null ? 0 : t.length;
    }
}
