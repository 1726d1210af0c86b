/**
 * The paper broker: an MT5 trade-server simulator ({@link io.vprop.paper.broker.PaperBroker}) and its records.
 * Pure domain code, no I/O. Fill, SL/TP, swap and margin rules: docs/paper-broker.md.
 */
package io.vprop.paper.broker;
