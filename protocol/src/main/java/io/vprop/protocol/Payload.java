package io.vprop.protocol;

import java.util.List;

/**
 * The body of each protocol v1 message type: the vocabulary the EA and the sidecar share (docs/protocol.md).
 * Field names map to the wire's snake_case names in {@link ProtocolCodec}. Times named {@code timeMsc} are broker
 * server time in epoch ms (as MT5's time_msc); every other time is UTC epoch ms.
 */
public sealed interface Payload {

    /** Sides, entries, statuses and kinds travel as these lower-case words. */
    List<String> SIDES = List.of("buy", "sell");

    /** EA → sidecar on connect: who it is, what it trades, the protocol versions it speaks. */
    record Hello(String terminal, String account, String server, String company, String currency, int leverage,
                 String marginMode, int serverOffsetS, List<Integer> versions, long ackSeq, String firmProfile,
                 List<SymbolInfo> symbols) implements Payload {
    }

    /** Trading sessions of a symbol: {@code day} 0 = Sunday … 6 = Saturday, minutes from server midnight. */
    record Session(int day, int fromMin, int toMin) {
    }

    /** A symbol's broker properties (see io.vprop.market.SymbolSpec) and its trade sessions. */
    record SymbolInfo(String symbol, int digits, double point, double tickSize, double tickValue, double contractSize,
                      double volumeMin, double volumeStep, double volumeMax, int stopsLevel, int freezeLevel,
                      String baseCurrency, String profitCurrency, List<Session> sessions) {
    }

    /**
     * EA → sidecar: the broker's current tick value of a hello symbol (MT5 SYMBOL_TRADE_TICK_VALUE, account currency
     * per tick size per lot), which moves with the conversion rate for a cross or a JPY pair. It replaces the value of
     * the session's spec from then on; a new hello starts again from the hello's.
     */
    record SymbolUpdate(String symbol, double tickValue) implements Payload {
    }

    /** Sidecar → EA answer to hello: the version chosen and the last reliable seq of the EA it has journaled. */
    record Welcome(int version, String session, long ackSeq, int heartbeatMs, int staleMs, String firmProfile,
                   String sidecarVersion) implements Payload {
    }

    record Tick(String symbol, double bid, double ask, double last, double volume, long timeMsc, int flags)
            implements Payload {
    }

    /** A closed bar; {@code timeMsc} is its open time in server time. */
    record Bar(String symbol, String timeframe, long timeMsc, double open, double high, double low, double close,
               long tickVolume, int spread) implements Payload {
    }

    record Level(double price, double volume) {
    }

    record Book(String symbol, long timeMsc, List<Level> bids, List<Level> asks) implements Payload {
    }

    record PositionInfo(long ticket, String symbol, String side, double volume, double priceOpen, double sl,
                        double tp, double profit, double swap, double commission, long timeMsc, String signalId) {
    }

    /**
     * A pending order resting at the terminal: {@code type} (wire: order_type) buy_limit, sell_limit, buy_stop or sell_stop; {@code price}
     * the trigger; {@code expiryMsc} its expiry in server time (0 = good till cancelled).
     */
    record PendingInfo(long ticket, String symbol, String type, double volume, double price, double sl, double tp,
                       long expiryMsc, String signalId) {
    }

    /** {@code orders}: the resting pending orders (on the wire only when there are some). */
    record Account(double balance, double equity, double margin, double freeMargin, List<PositionInfo> positions,
                   List<PendingInfo> orders) implements Payload {
        public Account {
            orders = orders == null ? List.of() : orders;
        }

        public Account(double balance, double equity, double margin, double freeMargin, List<PositionInfo> positions) {
            this(balance, equity, margin, freeMargin, positions, List.of());
        }
    }

    /**
     * Sidecar → EA: trade this. {@code kind} "open" opens a position with sl/tp1/tp2; "close" closes
     * {@code position} (or, when 0, every position of the symbol opened by VProp). Prices in the symbol's quote;
     * {@code maxDeviation} in price units; {@code expiryMs} UTC. {@code orderType} "market" (the default, not written),
     * or a pending type for an open: {@code price} is the trigger, {@code side} the type's, and the order rests at the
     * terminal until {@code expiryMs}.
     */
    record Signal(String id, String kind, String symbol, String side, double lots, double price, double maxDeviation,
                  double sl, double tp1, double tp2, long expiryMs, String alpha, String regime, double confidence,
                  String reason, long position, String orderType) implements Payload {
        /** Order types on the wire. */
        public static final List<String> ORDER_TYPES = List.of("market", "buy_limit", "sell_limit", "buy_stop", "sell_stop");

        public Signal {
            orderType = orderType == null || orderType.isEmpty() ? "market" : orderType;
        }

        public Signal(String id, String kind, String symbol, String side, double lots, double price, double maxDeviation,
                      double sl, double tp1, double tp2, long expiryMs, String alpha, String regime, double confidence,
                      String reason, long position) {
            this(id, kind, symbol, side, lots, price, maxDeviation, sl, tp1, tp2, expiryMs, alpha, regime, confidence,
                    reason, position, "market");
        }
    }

    /** EA → sidecar: what became of a signal: "accepted", "rejected" (with rule and reason) or "executed". */
    record SignalAck(String signalId, String status, String rule, String reason, long ticket, double price)
            implements Payload {
    }

    /** EA → sidecar: a deal (DEAL_ADD). Money in account currency; commission and swap negative when costs. */
    record Fill(long deal, long order, long position, String signalId, String symbol, String side, String entry,
                double price, double volume, double commission, double swap, double profit, long timeMsc,
                String reason) implements Payload {
    }

    /**
     * Sidecar → EA: a trader's control. {@code action} is one of {@link #ACTIONS}: "pause_entries" (refuse new
     * entries until "resume"; closes still execute), "resume", "flatten_all" (close every VProp position, of
     * {@code symbol} when not empty), "close_position" (close ticket {@code position}), "cancel_pending" (delete
     * VProp's resting pending orders, of {@code symbol} when not empty). Applied once per {@code id}: a resent control
     * is acked again, not applied again. {@code reason} says why (the trader's words, for the audit trail);
     * {@code timeMs} is the terminal's own clock when the trader acted (UTC epoch ms).
     */
    record Control(String id, String action, long position, String symbol, String reason, long timeMs) implements Payload {
        /** Actions on the wire. */
        public static final List<String> ACTIONS = List.of("pause_entries", "resume", "flatten_all", "close_position",
                "cancel_pending");
    }

    /**
     * EA → sidecar: what became of a control: "applied" or "refused" (with the reason), with the positions it closed
     * and the pending orders it cancelled (close orders sent, for a flatten: their fills follow as usual).
     */
    record ControlAck(String controlId, String status, String reason, int closed, int cancelled) implements Payload {
        /** Statuses on the wire. */
        public static final List<String> STATUSES = List.of("applied", "refused");
    }

    /**
     * EA → sidecar: a deal that is not a trade (MT5 DEAL_TYPE_BALANCE, CREDIT, CHARGE, CORRECTION, BONUS,
     * COMMISSION*, INTEREST), sent before the first account snapshot that shows it. {@code amount} is signed, in
     * account currency (a withdrawal or payout is negative, a deposit positive); {@code kind} one of {@link #KINDS};
     * {@code deal} the deal ticket, the key that makes a repeat harmless.
     */
    record Balance(long deal, String kind, double amount, long timeMsc, String comment) implements Payload {
        /** Kinds on the wire (docs/protocol.md, balance). */
        public static final List<String> KINDS = List.of("deposit", "withdrawal", "payout", "credit", "bonus",
                "correction", "charge", "commission");
    }

    /**
     * EA → sidecar: a step in a pending order's life (OnTradeTransaction): {@code state} placed, modified, cancelled,
     * expired, filled or rejected, with the order's fields as they stand; {@code timeMsc} server time of the step.
     */
    record Order(long ticket, String state, String symbol, String type, double volume, double price, double sl,
                 double tp, long expiryMsc, String signalId, String reason, long timeMsc) implements Payload {
        /** Pending order types and lifecycle states on the wire. */
        public static final List<String> TYPES = List.of("buy_limit", "sell_limit", "buy_stop", "sell_stop");
        public static final List<String> STATES = List.of("placed", "modified", "cancelled", "expired", "filled", "rejected");
    }

    record RuleState(String id, double value, double limit, double distance, String status) {
    }

    /** EA → sidecar: the EA's own view of every governor limit and its mode (ok, blocked, halted, paused). */
    record GovernorState(String mode, String reason, List<RuleState> rules) implements Payload {
    }

    /**
     * EA → sidecar after every welcome (and when rebuilt): the firm state the EA rebuilt from the account's deal history
     * when attached (governors: attach.HistoryReplay). {@code status} "ok" or "blocked"; blocked: nothing is known and
     * {@code reason} says what to configure. {@code rule} names a block ("" none; an ok state may block entries until
     * {@code blockedUntilMs}, e.g. attach.day-start-equity). Times UTC epoch ms; money in account currency.
     */
    record FirmState(String status, String rule, String reason, long blockedUntilMs, long challengeStartMs,
                     double initialBalance, long timeMs, double balance, double equity, long dayStartMs, long nextResetMs,
                     double dayStartBalance, double dayStartEquity, double highWater, int tradingDays, boolean tradedToday,
                     int profitableDays, double dayProfit, double bestDay, int dealsRead) implements Payload {
        public static final List<String> STATUSES = List.of("ok", "blocked");
    }

    /**
     * Sidecar → EA: an economic-calendar release the EA's news governor must know about. {@code releaseMs} is UTC
     * epoch ms; {@code currency} a 3-letter ISO code or "All" (every symbol); {@code impact} "low", "medium" or
     * "high". Not reliable: the sidecar pushes it again after a re-hello, so a lost one is re-sent by design.
     */
    record News(long releaseMs, String currency, String impact, String title) implements Payload {
        /** Impact words on the wire, lowest first. */
        public static final List<String> IMPACTS = List.of("low", "medium", "high");
    }

    record Heartbeat() implements Payload {
    }

    /**
     * Cumulative ack: every reliable message of the receiver's peer with seq ≤ {@code ackSeq} is journaled.
     * {@code echoSeq} names the message whose {@code ack_req} asked for this ack (0 if none).
     */
    record Ack(long ackSeq, long echoSeq) implements Payload {
    }

    record Error(String code, String message, String field, long refSeq) implements Payload {
    }
}
