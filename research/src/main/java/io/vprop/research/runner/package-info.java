/**
 * The walk-forward's units on the live-code backtester: {@link io.vprop.research.runner.BacktestUnitRunner} (the
 * {@code UnitRunner}), {@link io.vprop.research.runner.BarLibrary} (bars read once per JVM, shared by all threads),
 * {@link io.vprop.research.runner.StrategyFactory} (a fresh strategy per unit from its parameter set: the signal engine,
 * or a class with a parameter-map constructor); inside: the unit's window gate, its spread lookup, the code hash.
 */
package io.vprop.research.runner;
