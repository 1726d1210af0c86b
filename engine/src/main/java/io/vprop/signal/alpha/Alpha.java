package io.vprop.signal.alpha;

/**
 * One source of trade ideas. Implementations are stateless (state lives in the features), evaluate in O(1) or
 * O(symbols), and never allocate. They write direction 0 when they have no opinion.
 */
public interface Alpha {
    AlphaId id();

    void evaluate(AlphaContext ctx, AlphaSignal out);

    /** The six alphas in {@link AlphaId} order. */
    static Alpha[] all() {
        return new Alpha[]{new MomentumAlpha(), new MeanReversionAlpha(), new BreakoutAlpha(),
                new OrderFlowAlpha(), new SentimentAlpha(), new CorrelationAlpha()};
    }
}
