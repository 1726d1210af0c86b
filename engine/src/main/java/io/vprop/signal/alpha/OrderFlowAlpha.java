package io.vprop.signal.alpha;

/**
 * Order flow: sustained one-sided quote pressure (order-flow imbalance over the last 200 quote events), stronger
 * when VPIN says flow is toxic/informed. Fires above |OFI| 0.2.
 */
final class OrderFlowAlpha implements Alpha {
    static final double MIN_OFI = 0.2, FULL_OFI = 0.6, EDGE = 0.1;

    @Override public AlphaId id() { return AlphaId.ORDER_FLOW; }

    @Override public void evaluate(AlphaContext c, AlphaSignal out) {
        out.clear();
        double ofi = c.ticks.orderFlowImbalance();
        if (Math.abs(ofi) < MIN_OFI) return;
        double vpin = c.ticks.vpin();
        double toxicity = Double.isNaN(vpin) ? 0.5 : Math.min(1.0, 0.5 + vpin);
        out.set(ofi > 0 ? 1 : -1, toxicity * Math.abs(ofi) / FULL_OFI, EDGE);
    }
}
