/**
 * Streaming readers for MT5 tick/bar exports and generic CSV bars ({@link io.vprop.market.io.MarketFiles} is the
 * entry point). Hand-written byte-level parsing, strict or lenient handling of bad rows; docs/market-data.md.
 */
package io.vprop.market.io;
