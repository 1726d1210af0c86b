/**
 * Trading analytics for the web panel (docs/web-panel.md, docs/api.md "Analytics").
 *
 * <p>The core is pure: {@link io.vprop.analytics.Metrics} (Sharpe, Sortino, Calmar, drawdown, VaR/ES, win rate,
 * profit factor, expectancy) over plain records, {@link io.vprop.analytics.TradeLog} (journal fills to round trips),
 * {@link io.vprop.analytics.TradingSession} (Asia/London/New York by UTC hour) and
 * {@link io.vprop.analytics.DailyDigest}; firm days come from the profile's {@link io.vprop.governors.time.FirmDayClock},
 * the clock the governors reset on. The adapters around it are
 * {@link io.vprop.analytics.AnalyticsApi} (REST + WebSocket; reads the journal through
 * {@link io.vprop.journal.JournalReader}, no SQL of its own), {@link io.vprop.analytics.LiveFeed} (equity, positions
 * and governor states from the event bus) and {@link io.vprop.analytics.DigestWriter} (JSON + CSV files).
 */
package io.vprop.analytics;
