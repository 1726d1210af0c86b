/** Seeded, reproducible synthetic FX ticks for 28 pairs ({@link io.vprop.market.synthetic.SyntheticMarket}). */
package io.vprop.market.synthetic;
