package io.vprop.research.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.research.json.TradeJson;
import io.vprop.research.stats.Stats;
import io.vprop.research.stats.TradeStats;
import io.vprop.research.stats.Trials;

/** {@link Stats}, {@link TradeStats} and {@link Trials} as report JSON; docs/walkforward.md lists every field. */
final class StatsJson {
    private StatsJson() {
    }

    static ObjectNode trade(TradeStats t) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("trades", t.trades());
        TradeJson.num(o, "win_rate_pct", t.winRatePct());
        TradeJson.num(o, "expectancy_r", t.expectancyR());
        o.put("trades_with_r", t.tradesWithR());
        TradeJson.num(o, "expectancy_usd", t.expectancyUsd());
        TradeJson.num(o, "pnl_usd", t.pnlUsd());
        TradeJson.num(o, "profit_factor", t.profitFactor());
        TradeJson.num(o, "commission_usd", t.commissionUsd());
        return o;
    }

    static ObjectNode stats(Stats s) {
        ObjectNode o = trade(s.trade());
        o.put("days", s.days());
        TradeJson.num(o, "start_equity_usd", s.startEquityUsd());
        TradeJson.num(o, "end_equity_usd", s.endEquityUsd());
        TradeJson.num(o, "return_pct", s.returnPct());
        TradeJson.num(o, "sharpe_daily", s.sharpeDaily());
        TradeJson.num(o, "sharpe_annual", s.sharpeAnnual());
        TradeJson.num(o, "sortino_annual", s.sortinoAnnual());
        TradeJson.num(o, "skewness", s.skewness());
        TradeJson.num(o, "kurtosis", s.kurtosis());
        TradeJson.num(o, "max_dd_usd", s.maxDdUsd());
        TradeJson.num(o, "max_dd_pct", s.maxDdPct());
        o.put("longest_underwater_days", s.longestUnderwaterDays());
        o.put("total_underwater_days", s.totalUnderwaterDays());
        TradeJson.num(o, "exposure_pct", s.exposurePct());
        TradeJson.num(o, "avg_open_positions", s.avgOpenPositions());
        TradeJson.num(o, "turnover_lots_per_day", s.turnoverLotsPerDay());
        TradeJson.num(o, "turnover_notional_usd_per_day", s.turnoverNotionalUsdPerDay());
        TradeJson.num(o, "psr", s.psr());
        TradeJson.num(o, "dsr", s.dsr());
        o.put("dsr_trials", s.trials());
        TradeJson.num(o, "dsr_expected_max_sharpe_daily", s.expectedMaxSharpeDaily());
        return o;
    }

    static ObjectNode trials(Trials t) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("count", t.count());
        TradeJson.num(o, "sharpe_variance_daily", t.sharpeVariance());
        o.put("sharpes_measured", t.sharpesMeasured());
        return o;
    }
}
