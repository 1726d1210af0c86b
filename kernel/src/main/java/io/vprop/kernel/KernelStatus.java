package io.vprop.kernel;

import java.util.List;
import java.util.Map;

/** An immutable picture of the kernel for /api/status, rebuilt by the kernel a few times a second. */
public record KernelStatus(long tsMs, String session, String zmqEndpoint, List<Peer> peers, List<SymbolQuote> symbols,
                           Map<String, Double> messageRates, Map<String, Long> messageCounts, long protocolErrors,
                           long signalsSent, long fillsRecorded, long journalBytes) {

    public record Peer(String id, String terminal, String account, String chart, String server, String currency,
                       String marginMode, boolean welcomed, boolean stale, long lastHeardMs, long lastSeqIn,
                       long messagesIn, long errorsSent, long fills, Double balance, Double equity, int positions,
                       String governorMode) {
    }

    public record SymbolQuote(String peer, String symbol, double bid, double ask, long timeMs) {
    }
}
