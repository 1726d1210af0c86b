package io.vprop.signal;

/** A bad input that was dropped, with its reason. One shared instance per reason (no allocation on rejection). */
record InputRejected(InputRejection reason) implements Decision {
    private static final InputRejected[] BY_REASON;

    static {
        InputRejection[] all = InputRejection.values();
        BY_REASON = new InputRejected[all.length];
        for (int i = 0; i < all.length; i++) BY_REASON[i] = new InputRejected(all[i]);
    }

    public static InputRejected of(InputRejection reason) { return BY_REASON[reason.ordinal()]; }
}
