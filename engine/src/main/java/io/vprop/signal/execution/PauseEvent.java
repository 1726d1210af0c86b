package io.vprop.signal.execution;

/**
 * A pause or resume of trading, with its reason, for the journal and the WebSocket.
 *
 * @param symbol "*" for a global pause (EA latency), else the symbol
 */
public record PauseEvent(long timeMs, String symbol, boolean paused, String reason) {
}
