package io.vprop.governors.profile;

import io.vprop.governors.time.FirmDayClock;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A firm's rule set. Optional blocks are null when the firm has no such rule. Where a value came from
 * (URLs) is kept in {@code sources}: dotted field path or block name to URL.
 *
 * @param symbolCurrencies currencies a symbol is exposed to for the news embargo; FX pairs default to their
 *                         two 3-letter halves (EURUSD: EUR, USD)
 */
public record FirmProfile(String id, String name, DayResetConfig dayReset, DailyLossConfig dailyLoss,
                          MaxLossConfig maxLoss, BufferConfig buffers, PreTradeConfig preTrade, NewsConfig news,
                          List<WindowConfig> forcedFlat, ConsistencyConfig consistency, TradingDaysConfig tradingDays,
                          ProfitTargetConfig profitTarget, ActivityConfig activity, SizeConfig size,
                          ScheduleConfig schedule, Map<String, List<String>> symbolCurrencies,
                          Map<String, String> sources, BalanceOpsConfig balanceOps) {
    public FirmProfile {
        balanceOps = balanceOps == null ? BalanceOpsConfig.DEFAULT : balanceOps;
        Require.present("id", id);
        if (id.isBlank()) throw new ProfileException("id", "must not be blank");
        name = name == null ? id : name;
        Require.present("dayReset", dayReset);
        Require.present("maxLoss", maxLoss);
        buffers = buffers == null ? BufferConfig.NONE : buffers;
        forcedFlat = forcedFlat == null ? List.of() : List.copyOf(forcedFlat);
        symbolCurrencies = symbolCurrencies == null ? Map.of() : Map.copyOf(symbolCurrencies);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        if (dailyLoss != null && maxLoss.mode() == MaxLossConfig.Mode.STATIC
                && !Double.isNaN(dailyLoss.limitPct()) && !Double.isNaN(maxLoss.limitPct())
                && dailyLoss.base() == DailyLossConfig.Base.INITIAL && dailyLoss.limitPct() > maxLoss.limitPct()) {
            throw new ProfileException("dailyLoss.limitPct", dailyLoss.limitPct()
                    + " is above maxLoss.limitPct " + maxLoss.limitPct() + " (the daily limit could never bind)");
        }
        if (dailyLoss != null && !Double.isNaN(dailyLoss.limitAmount()) && !Double.isNaN(maxLoss.limitAmount())
                && dailyLoss.limitAmount() > maxLoss.limitAmount()) {
            throw new ProfileException("dailyLoss.limitAmount", dailyLoss.limitAmount()
                    + " is above maxLoss.limitAmount " + maxLoss.limitAmount());
        }
        Set<String> ids = new HashSet<>();
        for (WindowConfig w : forcedFlat) {
            if (!ids.add(w.id())) throw new ProfileException("forcedFlat[" + w.id() + "].id", "duplicate window id");
        }
    }

    /** A profile without a {@code balanceOps} block ({@link BalanceOpsConfig#DEFAULT}). */
    public FirmProfile(String id, String name, DayResetConfig dayReset, DailyLossConfig dailyLoss,
                       MaxLossConfig maxLoss, BufferConfig buffers, PreTradeConfig preTrade, NewsConfig news,
                       List<WindowConfig> forcedFlat, ConsistencyConfig consistency, TradingDaysConfig tradingDays,
                       ProfitTargetConfig profitTarget, ActivityConfig activity, SizeConfig size,
                       ScheduleConfig schedule, Map<String, List<String>> symbolCurrencies, Map<String, String> sources) {
        this(id, name, dayReset, dailyLoss, maxLoss, buffers, preTrade, news, forcedFlat, consistency, tradingDays,
                profitTarget, activity, size, schedule, symbolCurrencies, sources, BalanceOpsConfig.DEFAULT);
    }

    /** The firm's trading-day clock, from {@link #dayReset()}. */
    public FirmDayClock dayClock() {
        return FirmDayClock.of(dayReset.zone(), dayReset.time());
    }
}
