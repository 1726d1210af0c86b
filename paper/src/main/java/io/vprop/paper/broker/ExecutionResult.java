package io.vprop.paper.broker;

import java.util.List;

/**
 * What the trade server answered to one request (MqlTradeResult): a retcode, the order ticket, and the deals it
 * produced (empty when rejected). {@code comment} explains a rejection in words.
 */
public record ExecutionResult(Retcode retcode, long order, List<Deal> deals, double price, String comment) {
    public boolean ok() { return retcode.success(); }
}
