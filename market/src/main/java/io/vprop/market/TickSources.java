package io.vprop.market;

import java.util.List;
import java.util.PriorityQueue;

/** Combinators over {@link TickSource}s: merging several symbols' streams by time, cutting a stream at a time. */
public final class TickSources {
    private TickSources() {
    }

    /**
     * Merges sources (e.g. one file per symbol) into one stream in time order. Ties keep the sources' list order,
     * so the merge is deterministic. Each source must itself be in time order. Closing the merge closes them all.
     */
    public static TickSource merge(List<? extends TickSource> sources) {
        if (sources == null || sources.isEmpty()) throw new IllegalArgumentException("merge needs at least one source");
        return new Merge(List.copyOf(sources));
    }

    /** The ticks of {@code source} strictly before {@code endExclusiveMs} (for endless sources like the synthetic market). */
    public static TickSource until(TickSource source, long endExclusiveMs) {
        if (source == null) throw new IllegalArgumentException("source is required");
        return new TickSource() {
            private boolean done;

            @Override
            public Tick next() {
                if (done) return null;
                Tick t = source.next();
                if (t == null || t.timeMs() >= endExclusiveMs) {
                    done = true;
                    return null;
                }
                return t;
            }

            @Override
            public void close() { source.close(); }
        };
    }

    private static final class Merge implements TickSource {
        private record Head(Tick tick, int source) {
        }

        private final List<TickSource> sources;
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(a.tick().timeMs(), b.tick().timeMs());
            return c != 0 ? c : Integer.compare(a.source(), b.source());
        });

        Merge(List<TickSource> sources) {
            this.sources = sources;
            for (int i = 0; i < sources.size(); i++) {
                Tick t = sources.get(i).next();
                if (t != null) heads.add(new Head(t, i));
            }
        }

        @Override
        public Tick next() {
            Head h = heads.poll();
            if (h == null) return null;
            Tick following = sources.get(h.source()).next();
            if (following != null) heads.add(new Head(following, h.source()));
            return h.tick();
        }

        @Override
        public void close() {
            RuntimeException first = null;
            for (TickSource s : sources) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
        }
    }
}
