/**
 * Walk-forward: folds with purge and embargo, a parameter grid chosen on training windows only, out-of-sample
 * stitching. {@link io.vprop.research.walkforward.UnitRunner} is where a backtester plugs in.
 */
package io.vprop.research.walkforward;
