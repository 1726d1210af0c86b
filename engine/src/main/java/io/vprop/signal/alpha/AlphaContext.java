package io.vprop.signal.alpha;

import io.vprop.signal.feature.BarFeatures;
import io.vprop.signal.feature.CrossSymbolCorrelation;
import io.vprop.signal.feature.TickFeatures;
import io.vprop.signal.regime.Regime;

/** Everything an alpha may read for one (symbol, timeframe) evaluation. One instance, refilled by the scanner. */
public final class AlphaContext {
    public int symbolId;
    public long timeMs;
    public double mid;
    public BarFeatures bars;
    public TickFeatures ticks;
    public CrossSymbolCorrelation cross;
    public Regime regime;
    public EventSource events = EventSource.NONE;
    public String baseCurrency;
    public String quoteCurrency;
}
