package io.vprop.memory.shortterm;

import io.vprop.memory.TradeRecord;

import java.util.function.Function;

/** The attributes rolling statistics are grouped by. */
public enum Dimension {
    ALPHA(TradeRecord::alpha),
    REGIME(TradeRecord::regime),
    SYMBOL(TradeRecord::symbol);

    private final Function<TradeRecord, String> key;

    Dimension(Function<TradeRecord, String> key) {
        this.key = key;
    }

    public String keyOf(TradeRecord trade) {
        return key.apply(trade);
    }
}
