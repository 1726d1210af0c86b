/**
 * Market data domain: the shared records ({@link io.vprop.market.Tick}, {@link io.vprop.market.Bar},
 * {@link io.vprop.market.Timeframe}, {@link io.vprop.market.SymbolSpec}), the pull interfaces
 * {@link io.vprop.market.TickSource} / {@link io.vprop.market.BarSource}, bar aggregation and bar replay.
 * File readers live in {@code market.io}, the synthetic generator in {@code market.synthetic}.
 * Formats and rules: docs/market-data.md.
 */
package io.vprop.market;
