package io.vprop.market;

/** Receives bars as they close. */
@FunctionalInterface
public interface BarSink {
    void onBar(Bar bar);
}
