package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;

/** What a lab runs on: the trade history and the spec (built again from a {@link LabRecipe} on another JVM). */
public record LabInput(TradeHistory history, LabSpec spec) {
}
