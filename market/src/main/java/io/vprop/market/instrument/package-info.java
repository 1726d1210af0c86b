/**
 * Instrument specifications: {@link io.vprop.market.instrument.Instrument} (digits, contract, volumes, margin rate,
 * commission, swaps, spread by session), the {@link io.vprop.market.instrument.InstrumentTable} (built-in rows plus
 * override files, an unknown symbol is an error), the live-values merge, and
 * {@link io.vprop.market.instrument.CurrencyConverter} (profit currency → account currency at current quotes or
 * fixed rates, never an assumed 1.0). Reference: docs/instruments.md.
 */
package io.vprop.market.instrument;
