/**
 * A TEST RUNNER, not the backtester: an SMA crossover evaluated directly on bar files with a fixed spread and
 * commission, so walk-forward, sweeps and reports run end to end before the live-code backtester plugs in.
 */
package io.vprop.research.testrunner;
