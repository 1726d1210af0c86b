package io.vprop.kernel;

import java.time.Instant;
import io.vprop.market.SymbolSpec;
import io.vprop.protocol.Payload;
import io.vprop.signal.data.CalendarCsv;
import io.vprop.signal.data.CalendarEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sidecar's economic calendar (config {@code calendar.file}): the high-impact releases it pushes to each
 * terminal as protocol {@code news} messages, so that the EA's news governor does not depend on the MT5 calendar
 * alone. Immutable, no I/O after loading; the kernel asks it what is due for one terminal's currencies and clock.
 */
public final class NewsFeed {
    /** How far ahead a terminal is told about releases. */
    public static final long HORIZON_MS = 24 * 3_600_000L;
    /** No calendar configured: nothing is pushed. */
    public static final NewsFeed NONE = new NewsFeed(List.of());

    private final List<Payload.News> releases; // high impact only, by release time
    private final long[] times;

    /** @param events calendar rows; only those whose impact says "High" are kept */
    public NewsFeed(List<CalendarEvent> events) {
        List<Payload.News> high = new ArrayList<>();
        for (CalendarEvent e : events) {
            if (!impactOf(e.impact()).equals("high")) continue;
            if (e.timeMs() < 0)
                throw new IllegalArgumentException("calendar event '" + e.event() + "': release time " + e.timeMs() + " is before 1970");
            high.add(new Payload.News(e.timeMs(), currencyOf(e), "high", e.event()));
        }
        high.sort(Comparator.comparingLong(Payload.News::releaseMs));
        this.releases = List.copyOf(high);
        this.times = releases.stream().mapToLong(Payload.News::releaseMs).toArray();
    }

    /** The feed of {@code calendar.file}: {@link #NONE} when blank; a missing or bad file fails naming the key and the file. */
    public static NewsFeed load(String file) {
        if (file == null || file.isBlank()) return NONE;
        try {
            return new NewsFeed(CalendarCsv.read(Path.of(file.strip())));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("calendar.file: cannot use '" + file + "': " + e.getMessage());
        }
    }

    public int size() { return releases.size(); }

    /**
     * The releases for any of {@code currencies} (or for "All") with {@code nowMs <= release < nowMs + 24 h}, in
     * release order.
     */
    public List<Payload.News> upcoming(Collection<String> currencies, long nowMs) {
        List<Payload.News> out = new ArrayList<>();
        for (int i = firstAtOrAfter(nowMs); i < times.length && times[i] < nowMs + HORIZON_MS; i++) {
            Payload.News n = releases.get(i);
            if (n.currency().equals("All") || currencies.contains(n.currency())) out.add(n);
        }
        return out;
    }

    /** Every release, in release order. */
    public List<Payload.News> releases() { return releases; }

    /** Every release for any of {@code currencies} (or for "All"), in release order: what a backtest plays. */
    public List<Payload.News> releasesFor(Collection<String> currencies) {
        List<Payload.News> out = new ArrayList<>();
        for (Payload.News n : releases) if (n.currency().equals("All") || currencies.contains(n.currency())) out.add(n);
        return out;
    }

    /** The currencies a terminal's symbols move with ({@link SymbolSpec#newsCurrencies(Collection)}). */
    public static Set<String> currenciesOf(Collection<SymbolSpec> specs) {
        return SymbolSpec.newsCurrencies(specs);
    }

    private int firstAtOrAfter(long t) {
        int lo = 0, hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** "High Impact Expected" → high; the calendar's words for the three levels, anything else is refused. */
    static String impactOf(String calendarImpact) {
        String s = calendarImpact.toLowerCase(Locale.ROOT);
        if (s.startsWith("high")) return "high";
        if (s.startsWith("medium")) return "medium";
        if (s.startsWith("low") || s.startsWith("non")) return "low";
        throw new IllegalArgumentException("unknown calendar impact '" + calendarImpact + "' (need High/Medium/Low Impact Expected)");
    }

    /** The wire's currency: a 3-letter upper-case code, or "All" as the calendar writes it. */
    private static String currencyOf(CalendarEvent e) {
        String c = e.currency().strip();
        if (c.equalsIgnoreCase("all")) return "All";
        String up = c.toUpperCase(Locale.ROOT);
        if (!up.matches("[A-Z]{3}"))
            throw new IllegalArgumentException("calendar event '" + e.event() + "' at " + Instant.ofEpochMilli(e.timeMs())
                    + ": currency '" + c + "' is not a 3-letter code or 'All'");
        return up;
    }
}
