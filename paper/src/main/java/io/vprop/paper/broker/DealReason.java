package io.vprop.paper.broker;

import java.util.Locale;

/** Why a deal happened (MT5 DEAL_REASON_*, plus the EA's own partial take-profit). */
public enum DealReason {
    CLIENT, EXPERT, SL, TP, TP1_PARTIAL, STOP_OUT, GOVERNOR;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
