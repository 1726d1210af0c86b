package io.vprop.analytics;

import com.fasterxml.jackson.databind.util.StdConverter;
import io.vprop.trade.Side;

/** Writes a side in the analytics' JSON as the protocol's word ("buy", "sell"), as the panel reads it. */
final class SideWord extends StdConverter<Side, String> {
    @Override
    public String convert(Side side) {
        return side.wire();
    }
}
