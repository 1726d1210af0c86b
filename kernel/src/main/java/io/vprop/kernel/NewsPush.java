package io.vprop.kernel;

import io.vprop.governors.event.NewsEvent;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;

import java.util.Objects;

/**
 * Pushes the calendar's high-impact releases of a terminal's currencies in the next 24 h of its clock
 * (docs/protocol.md §4a): each sent once (again after a re-hello), and fed once to its account's governors (once
 * they exist, i.e. after an account snapshot). Kernel thread, from housekeeping.
 */
final class NewsPush {
    private final Outbox outbox;
    private final AccountGovernors governors; // null: no governors to tell
    private final Execution execution;
    private volatile NewsFeed feed = NewsFeed.NONE; // set from the wiring thread

    NewsPush(Outbox outbox, AccountGovernors governors, Execution execution) {
        this.outbox = outbox;
        this.governors = governors;
        this.execution = execution;
    }

    void feed(NewsFeed feed) { this.feed = Objects.requireNonNull(feed, "feed"); }

    void push(PeerSession s) {
        NewsFeed f = feed;
        if (f.size() == 0) return;
        long now = s.nowMs();
        for (Payload.News n : f.upcoming(NewsFeed.currenciesOf(s.specs.values()), now)) {
            if (s.newsSent.add(n)) outbox.send(s, n);
            if (governors != null && !s.newsGoverned.contains(n))
                governors.onNews(s.key, now, n.releaseMs(), n.currency(), impactOf(n.impact())).ifPresent(notices -> {
                    s.newsGoverned.add(n);
                    execution.notify(s, notices);
                });
        }
        s.newsSent.removeIf(n -> n.releaseMs() < now);
        s.newsGoverned.removeIf(n -> n.releaseMs() < now);
    }

    /** The wire's impact word as the governors' level. */
    private static NewsEvent.Impact impactOf(String word) {
        return switch (word) {
            case "high" -> NewsEvent.Impact.HIGH;
            case "medium" -> NewsEvent.Impact.MEDIUM;
            default -> NewsEvent.Impact.LOW;
        };
    }
}
