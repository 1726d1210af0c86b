package io.vprop.memory;

/** Direction of a trade. Kept local to memory so the module does not depend on the sidecar. */
public enum Side {
    BUY,
    SELL
}
