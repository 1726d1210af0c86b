package io.vprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vprop.config.VpropConfig;
import io.vprop.market.TickSource;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.signal.alpha.EventSource;
import io.vprop.strategy.SignalEngineStrategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often the signal engine, as the sidecar would configure it, trades on the demo's synthetic market: the demo
 * runs the engine by default only if it trades at least once a week there (issue 16 item 6). Measured by
 * {@code vprop demo --measure-engine WEEKS} (the backtester on the same seeded market the paper terminal plays) and
 * bundled as {@value #BUNDLED}, so the demo's choice and the banner's reason come from a recorded measurement.
 *
 * @param trades  closed trades of the engine in {@code weeks} weeks of market time from the synthetic market's start
 * @param engine  the engine's configuration: timeframes and edges
 * @param market  the market: seed, symbols, ticks per second
 * @param command the command that measured it
 */
public record DemoEngineMeasurement(int weeks, int trades, String engine, String market, String command) {

    /** The bundled measurement (sidecar resources). */
    public static final String BUNDLED = "/io/vprop/app/demo-engine-measurement.json";
    static final long WEEK_MS = 7L * 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public double tradesPerWeek() {
        return (double) trades / weeks;
    }

    /**
     * Runs the engine configured by {@code cfg} (engine.timeframes, engine.edges, risk per trade) on the synthetic market
     * of {@code cfg} (paper.seed, paper.symbols, paper.ticks.per.second) for {@code weeks} weeks, with the firm
     * profile's governors and the paper balance; the backtester's default costs.
     */
    public static DemoEngineMeasurement measure(VpropConfig cfg, int weeks, String command) {
        if (weeks < 1) throw new IllegalArgumentException("--measure-engine: at least 1 week, got " + weeks);
        if (!cfg.get("paper.data").isEmpty())
            throw new IllegalArgumentException("--measure-engine measures the synthetic market: paper.data must be empty");
        PaperSetup.Market m = PaperSetup.market(cfg);
        BacktestConfig bc = BacktestConfig.defaults(m.specs(), cfg.getDouble("paper.balance"))
                .withProfile(Sidecar.profile(cfg.get("firm.profile")), cfg.get("firm.profile"));
        TickSource ticks = m.source();
        long from = PaperSetup.SYNTHETIC_START;
        BacktestResult r = new Backtester(bc).run(new SignalEngineStrategy(Sidecar.engineConfig(cfg), EventSource.NONE),
                MarketFeed.ticks(ticks, from, from + weeks * WEEK_MS));
        String engine = "engine.timeframes=" + cfg.get("engine.timeframes") + ", engine.edges=" + cfg.get("engine.edges");
        return new DemoEngineMeasurement(weeks, r.trades().size(), engine, m.description() + ", "
                + cfg.get("paper.ticks.per.second") + " ticks/s a symbol", command);
    }

    public byte[] json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "vprop-demo-engine-v1");
        m.put("weeks", weeks);
        m.put("trades", trades);
        m.put("engine", engine);
        m.put("market", market);
        m.put("command", command);
        try {
            return (JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DemoEngineMeasurement parse(byte[] bytes, String name) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !"vprop-demo-engine-v1".equals(n.path("format").asText()))
                throw new IllegalArgumentException(name + ": not a vprop-demo-engine-v1 file");
            return new DemoEngineMeasurement(n.path("weeks").asInt(), n.path("trades").asInt(), n.path("engine").asText(),
                    n.path("market").asText(), n.path("command").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not JSON: " + e.getMessage(), e);
        }
    }

    public static DemoEngineMeasurement bundled() {
        try (InputStream in = DemoEngineMeasurement.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("no bundled demo measurement at " + BUNDLED);
            return parse(in.readAllBytes(), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
