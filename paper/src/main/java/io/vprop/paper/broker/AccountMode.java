package io.vprop.paper.broker;

/** MT5 ACCOUNT_MARGIN_MODE_RETAIL_*: one net position per symbol, or independent positions per order. */
public enum AccountMode {
    /** one position per symbol; opposite orders reduce, close or reverse it (INOUT deal) */
    NETTING,
    /** every opening order is its own position; closing needs the position ticket */
    HEDGING
}
