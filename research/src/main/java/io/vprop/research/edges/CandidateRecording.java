package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.signal.SignalConfig;
import io.vprop.strategy.Strategy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Records and labels every candidate of the signal engine over whole bar histories, one backtest per symbol (the
 * finest timeframe plays the quotes, coarser ones are delivered as bars), the engine's defaults on the data's
 * timeframes. Deterministic: the same data and options give the same list in the same order (sorted by entry time,
 * symbol, timeframe, alpha), whatever the thread count.
 */
public final class CandidateRecording {
    /** A candidate still open this many bars of the finest timeframe later is closed there (exit "open"). */
    public static final int MAX_BARS = 2000;

    private CandidateRecording() {}

    /**
     * @param timeframes   the engine's timeframes; the finest is the runner's (quotes), the others coarser bars
     * @param warmupMs     data played before recording starts (indicators warm up)
     * @param fromMs, toMs candidates are recorded with entries in [fromMs, toMs) (clipped to the data); toMs
     *                     Long.MAX_VALUE for all
     */
    public static List<Candidate> record(BarLibrary library, List<String> symbols, List<Timeframe> timeframes,
                                         BacktestUnitRunner.Options base, long warmupMs, long fromMs, long toMs, int threads) {
        Timeframe finest = timeframes.stream().min(Comparator.comparingLong(Timeframe::millis)).orElseThrow();
        return record(library, symbols, timeframes, finest, base, warmupMs, fromMs, toMs, threads);
    }

    /**
     * The engine on {@code timeframes} with its regime read on {@code regimeTimeframe}, the quotes played from the bars
     * of {@code base.timeframe()} (the data's: M1 bars, or ticks read as M1 bars, for the intraday M5/M15/H1). An
     * engine timeframe coarser than the quotes is delivered as bars when the library has a file of it (D1 beside H4),
     * else the engine builds it from the quotes (M5, M15, H1 from M1), as it does live from ticks.
     */
    public static List<Candidate> record(BarLibrary library, List<String> symbols, List<Timeframe> timeframes,
                                         Timeframe regimeTimeframe, BacktestUnitRunner.Options base, long warmupMs,
                                         long fromMs, long toMs, int threads) {
        List<Timeframe> tfs = timeframes.stream().sorted(Comparator.comparingLong(Timeframe::millis)).toList();
        Timeframe quotes = base.timeframe();
        if (tfs.get(0).millis() < quotes.millis())
            throw new IllegalArgumentException("the engine's " + tfs.get(0) + " cannot be formed from " + quotes + " quotes");
        SignalConfig config = SignalConfig.builder().timeframes(tfs.toArray(new Timeframe[0])).regimeTimeframe(regimeTimeframe)
                .seed(base.seed()).build();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<List<Candidate>>> jobs = new ArrayList<>();
            for (String s : symbols) {
                List<Timeframe> delivered = tfs.stream().filter(t -> t.millis() > quotes.millis() && library.has(s, t)).toList();
                BacktestUnitRunner.Options options = base.withCoarser(delivered);
                jobs.add(pool.submit(() -> one(library, s, quotes, options, config, warmupMs, fromMs, toMs)));
            }
            List<Candidate> all = new ArrayList<>();
            for (Future<List<Candidate>> f : jobs) all.addAll(f.get());
            all.sort(ORDER);
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::entryMs).thenComparing(Candidate::symbol)
            .thenComparing(Candidate::timeframe).thenComparing(Candidate::alpha);

    private static List<Candidate> one(BarLibrary library, String symbol, Timeframe finest, BacktestUnitRunner.Options options,
                                       SignalConfig config, long warmupMs, long fromMs, long toMs) {
        long[] span = library.span(symbol, finest);
        for (Timeframe c : options.coarser()) {
            long[] cs = library.span(symbol, c);
            span[0] = Math.max(span[0], cs[0]);
            span[1] = Math.min(span[1], cs[1]);
        }
        long from = Math.max(fromMs, span[0] + warmupMs), to = Math.min(toMs, span[1]);
        if (from >= to) return List.of();
        long warmupFrom = Math.max(span[0], from - warmupMs);
        CandidateRecorder[] made = new CandidateRecorder[1];
        StrategyFactory factory = new StrategyFactory() {
            @Override
            public Strategy create(ParamSet params) {
                return made[0] = new CandidateRecorder(config, symbol, library, finest,
                        options.instruments().get(symbol), from, to, MAX_BARS);
            }

            @Override public String description() { return "candidate recorder"; }

            @Override public String fingerprint() { return "recorder"; }
        };
        BacktestUnitRunner runner = new BacktestUnitRunner(library, factory, options);
        runner.run(new WorkUnit(WorkUnit.Phase.TRAIN, symbol, 0, new ParamSet(0, Map.of()), warmupFrom, from, to, to, 100_000));
        return made[0].candidates();
    }

    public static void write(List<Candidate> candidates, Path file) {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            w.write(Candidate.HEADER);
            w.write('\n');
            for (Candidate c : candidates) {
                w.write(c.csv());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Candidate> read(Path file) {
        List<Candidate> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (!Candidate.HEADER.equals(header)) throw new IllegalArgumentException(file + ": not a candidates file (header " + header + ")");
            for (String line; (line = r.readLine()) != null; ) if (!line.isEmpty()) out.add(Candidate.parse(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
