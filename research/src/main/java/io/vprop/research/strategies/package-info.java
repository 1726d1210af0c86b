/**
 * Strategies written against the public {@code io.vprop.strategy.Strategy} API only, as a user would: examples for
 * {@code vprop backtest} and {@code vprop walkforward} and the benchmarks' workload. They make no claim to an edge.
 */
package io.vprop.research.strategies;
