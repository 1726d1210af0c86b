/**
 * The records the trade memory stores ({@link TradeRecord}, {@link DecisionRecord}, {@link Side}): the bottom layer
 * every other package of the module uses. The entry point is {@code io.vprop.memory.facade.TradeMemory}.
 */
package io.vprop.memory;
