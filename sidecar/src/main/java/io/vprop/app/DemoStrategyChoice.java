package io.vprop.app;

import java.util.Locale;

/**
 * Which strategy the demo runs and why (issue 16 item 6): the signal engine by default when the recorded measurement
 * shows it trading at least once a week on the demo's market, else the EMA crossover stand-in; a strategy the user
 * set explicitly is always kept. The reason is what the panel's banner and the demo's start-up lines say.
 *
 * @param strategy the strategy to run: engine, demo or none
 * @param reason   why, in one sentence; empty when the engine runs by default or the user chose
 */
public record DemoStrategyChoice(String strategy, String reason) {

    /** The engine must trade at least this often on the demo market to be the demo's default. */
    static final double MIN_TRADES_PER_WEEK = 1.0;

    /**
     * @param explicit the strategy the user set (config file, environment, --strategy), or null for the default
     * @param m        the recorded measurement of the engine on the demo market
     */
    public static DemoStrategyChoice of(String explicit, DemoEngineMeasurement m) {
        String measured = String.format(Locale.ROOT, "the calibrated engine made %d trade%s in %d weeks of the demo market "
                + "(needs ≥ 1 a week; %s; measured with `%s`)", m.trades(), m.trades() == 1 ? "" : "s", m.weeks(),
                m.engine(), m.command());
        if (explicit != null)
            return new DemoStrategyChoice(explicit, explicit.equals("demo") ? "Demo strategy: EMA crossover, set by the "
                    + "configuration, not the signal engine; " + measured : "");
        if (m.tradesPerWeek() >= MIN_TRADES_PER_WEEK) return new DemoStrategyChoice("engine", "");
        return new DemoStrategyChoice("demo", "Demo strategy: EMA crossover, not the signal engine — " + measured
                + "; its edges are not positive out of sample (docs/research/edges-h4d1)");
    }

    /** What the panel's banner says about a running sidecar's strategy: why it is the stand-in, or "" for any other. */
    public static String bannerReason(String running, boolean explicit, DemoEngineMeasurement m) {
        if (!running.equals("demo")) return "";
        DemoStrategyChoice c = of(explicit ? running : null, m);
        // a sidecar (vprop serve) keeps its configured default even where the demo would switch to the engine
        return c.strategy().equals("demo") ? c.reason() : of("demo", m).reason();
    }
}
