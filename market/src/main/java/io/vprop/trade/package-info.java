/**
 * The trading vocabulary every module shares: {@link io.vprop.trade.Side}, the order a strategy wants
 * ({@link io.vprop.trade.OrderIntent}), an open {@link io.vprop.trade.Position}, a {@link io.vprop.trade.Fill} and
 * the {@link io.vprop.trade.AccountState} a terminal reports. Enums end to end: the protocol module maps them to
 * and from the wire's lower-case words, and nothing else parses those words.
 */
package io.vprop.trade;
