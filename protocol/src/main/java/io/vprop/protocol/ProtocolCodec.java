package io.vprop.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.market.Timeframe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Protocol v1 JSON codec: one UTF-8 JSON object per message, header fields and payload fields side by side
 * (flat, so the EA's small MQL5 JSON reader needs no nesting for the common types). Decoding validates everything
 * docs/protocol.md promises and throws {@link ProtocolException} naming the field; encoding writes every field.
 * Thread-safe.
 */
public final class ProtocolCodec {
    /** Largest message accepted, in bytes (64 KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    private static final List<String> KINDS = List.of("open", "close");
    private static final List<String> ENTRIES = List.of("in", "out", "inout");
    private static final List<String> STATUSES = List.of("accepted", "rejected", "executed");
    private static final List<String> MARGIN_MODES = List.of("netting", "hedging");
    private static final List<String> MODES = List.of("ok", "blocked", "halted", "paused");
    private static final List<String> RULE_STATUSES = List.of("ok", "warning", "breach");

    /**
     * Decoding reads the tree itself from the streaming parser instead of through databind, and finds duplicate keys
     * as it builds each object instead of with the parser's {@code STRICT_DUPLICATE_DETECTION}: that detector filled a
     * HashSet of every field name of every message, and with databind's tree building it was a sixth of the CPU of
     * both threads in an exact-lockstep replay (issue 19). Same tree, same errors, first line for first line.
     */
    private final JsonFactory factory = new JsonFactoryBuilder()
            // NaN/Infinity are read so that the error can say "bid: must be finite" rather than "malformed".
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // ------------------------------------------------------------------ decode

    public Envelope decode(byte[] bytes) throws ProtocolException {
        if (bytes.length > MAX_BYTES)
            throw new ProtocolException(ErrorCode.TOO_LARGE, null,
                    "message of " + bytes.length + " bytes exceeds the " + MAX_BYTES + "-byte limit", 0);
        JsonNode root;
        try (JsonParser p = factory.createParser(bytes)) {
            root = tree(p);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, null, "malformed JSON: " + firstLine(e.getMessage()), 0);
        }
        if (root == null) // an empty frame, or whitespace alone: no JSON at all
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, null, "malformed JSON: empty message (" + bytes.length + " bytes, no JSON value)", 0);
        if (!root.isObject())
            throw new ProtocolException(ErrorCode.NOT_AN_OBJECT, null, "a message must be a JSON object", 0);
        JsonNode seqNode = root.get("seq");
        long seqHint = seqNode != null && seqNode.isIntegralNumber() ? seqNode.longValue() : 0;
        JsonFields f = new JsonFields(root, "", seqHint);

        int v = f.integer("v");
        String typeName = f.str("type");
        MessageType type = MessageType.ofWire(typeName);
        if (type == null) throw f.error(ErrorCode.UNKNOWN_TYPE, "type", "unknown message type '" + typeName + "'");
        if (v < 1 || (v != Envelope.VERSION && type != MessageType.HELLO))
            throw f.error(ErrorCode.UNSUPPORTED_VERSION, "v", "protocol version " + v + " is not supported (this side speaks 1)");
        long seq = f.lng("seq");
        if (seq < 1) throw f.error(ErrorCode.OUT_OF_RANGE, "seq", "must be >= 1, got " + seq);
        long ts = f.nonNegativeLong("ts_ms");
        long prev = 0;
        if (type.reliable) {
            prev = f.nonNegativeLong("prev");
            if (prev >= seq) throw f.error(ErrorCode.OUT_OF_RANGE, "prev", "must be below seq " + seq + ", got " + prev);
        }
        boolean resend = f.bool("resend", false);
        boolean ackReq = f.bool("ack_req", false);
        Payload payload = switch (type) {
            case HELLO -> hello(f);
            case WELCOME -> new Payload.Welcome(f.integer("version"), f.str("session"), f.nonNegativeLong("ack_seq"),
                    f.integer("heartbeat_ms"), f.integer("stale_ms"), f.str("firm_profile", ""), f.str("sidecar_version", ""));
            case TICK -> tick(f);
            case BAR -> bar(f);
            case BOOK -> new Payload.Book(f.name("symbol", 32), f.nonNegativeLong("time_msc"),
                    f.list("bids", false, ProtocolCodec::level), f.list("asks", false, ProtocolCodec::level));
            case ACCOUNT -> new Payload.Account(f.finite("balance"), f.finite("equity"), f.finite("margin"),
                    f.finite("free_margin"), f.list("positions", false, ProtocolCodec::position),
                    f.list("orders", true, ProtocolCodec::pendingOrder));
            case SIGNAL -> signal(f);
            case SIGNAL_ACK -> new Payload.SignalAck(f.name("signal_id", 64), f.word("status", STATUSES),
                    f.str("rule", ""), f.str("reason", ""), f.nonNegativeLong("ticket", 0), f.nonNegative("price", 0));
            case FILL -> fill(f);
            case CONTROL -> control(f);
            case CONTROL_ACK -> controlAck(f);
            case ORDER -> order(f);
            case GOVERNOR_STATE -> new Payload.GovernorState(f.word("mode", MODES), f.str("reason", ""),
                    f.list("rules", true, r -> new Payload.RuleState(r.name("id", 64), r.finite("value"),
                            r.finite("limit"), r.finite("distance"), r.word("status", RULE_STATUSES))));
            case FIRM_STATE -> firmState(f);
            case NEWS -> news(f);
            case HEARTBEAT -> new Payload.Heartbeat();
            case ACK -> new Payload.Ack(f.nonNegativeLong("ack_seq"), f.nonNegativeLong("echo_seq", 0));
            case BALANCE -> balance(f);
            case SYMBOL_UPDATE -> new Payload.SymbolUpdate(f.name("symbol", 32), f.price("tick_value"));
            case ERROR -> new Payload.Error(f.str("code"), f.str("message"), f.str("field", ""), f.nonNegativeLong("ref_seq", 0));
        };
        return new Envelope(v, seq, ts, prev, resend, ackReq, payload);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Payload.FirmState firmState(JsonFields f) throws ProtocolException {
        String status = f.word("status", Payload.FirmState.STATUSES);
        double initial = f.nonNegative("initial_balance");
        if (status.equals("ok") && initial <= 0)
            throw f.error(ErrorCode.OUT_OF_RANGE, "initial_balance", "must be > 0 when status is ok, got " + initial);
        return new Payload.FirmState(status, f.str("rule", ""), f.str("reason", ""), f.nonNegativeLong("blocked_until_ms", 0),
                f.nonNegativeLong("challenge_start_ms"), initial, f.nonNegativeLong("time_ms"), f.nonNegative("balance"),
                f.nonNegative("equity"), f.nonNegativeLong("day_start_ms"), f.nonNegativeLong("next_reset_ms"),
                f.nonNegative("day_start_balance"), f.nonNegative("day_start_equity"), f.nonNegative("high_water"),
                count(f, "trading_days"), f.bool("traded_today", false), count(f, "profitable_days"), f.finite("day_profit"),
                f.nonNegative("best_day"), count(f, "deals_read"));
    }

    private static int count(JsonFields f, String field) throws ProtocolException {
        int n = f.integer(field);
        if (n < 0) throw f.error(ErrorCode.OUT_OF_RANGE, field, "must not be negative, got " + n);
        return n;
    }

    private static Payload.Hello hello(JsonFields f) throws ProtocolException {
        List<Integer> versions = f.scalars("versions", n -> {
            if (!n.isIntegralNumber()) throw new IllegalArgumentException("expected an integer version, got " + n);
            return n.intValue();
        });
        if (versions.isEmpty()) throw f.error(ErrorCode.OUT_OF_RANGE, "versions", "must list at least one version");
        int leverage = f.integer("leverage");
        if (leverage < 1) throw f.error(ErrorCode.OUT_OF_RANGE, "leverage", "must be >= 1, got " + leverage);
        int offset = f.integer("server_offset_s");
        if (Math.abs(offset) > 14 * 3600) throw f.error(ErrorCode.OUT_OF_RANGE, "server_offset_s", "must be within ±14 h, got " + offset);
        return new Payload.Hello(f.name("terminal", 128), f.name("account", 64), f.str("server"), f.str("company", ""),
                f.name("currency", 8), leverage, f.word("margin_mode", MARGIN_MODES), offset, versions,
                f.nonNegativeLong("ack_seq", 0), f.str("firm_profile", ""), f.list("symbols", true, ProtocolCodec::symbol));
    }

    private static Payload.SymbolInfo symbol(JsonFields f) throws ProtocolException {
        int digits = f.integer("digits");
        if (digits < 0 || digits > 10) throw f.error(ErrorCode.OUT_OF_RANGE, "digits", "must be 0..10, got " + digits);
        double vmin = f.price("volume_min"), vstep = f.price("volume_step"), vmax = f.price("volume_max");
        if (vmax < vmin) throw f.error(ErrorCode.OUT_OF_RANGE, "volume_max", "below volume_min " + vmin);
        int stops = f.integer("stops_level"), freeze = f.integer("freeze_level");
        if (stops < 0) throw f.error(ErrorCode.OUT_OF_RANGE, "stops_level", "must not be negative");
        if (freeze < 0) throw f.error(ErrorCode.OUT_OF_RANGE, "freeze_level", "must not be negative");
        return new Payload.SymbolInfo(f.name("symbol", 32), digits, f.price("point"), f.price("tick_size"),
                f.price("tick_value"), f.price("contract_size"), vmin, vstep, vmax, stops, freeze,
                f.str("base_currency", ""), f.str("profit_currency", ""),
                f.list("sessions", true, s -> {
                    int day = s.integer("day"), from = s.integer("from_min"), to = s.integer("to_min");
                    if (day < 0 || day > 6) throw s.error(ErrorCode.OUT_OF_RANGE, "day", "must be 0 (Sunday)..6, got " + day);
                    if (from < 0 || to > 1440 || from > to)
                        throw s.error(ErrorCode.OUT_OF_RANGE, "to_min", "need 0 <= from_min <= to_min <= 1440, got " + from + ".." + to);
                    return new Payload.Session(day, from, to);
                }));
    }

    private static Payload.Tick tick(JsonFields f) throws ProtocolException {
        String symbol = f.name("symbol", 32);
        double bid = f.price("bid"), ask = f.price("ask");
        if (bid > ask) throw f.error(ErrorCode.CROSSED_QUOTE, "bid", "bid " + bid + " is above ask " + ask);
        return new Payload.Tick(symbol, bid, ask, f.nonNegative("last", 0), f.nonNegative("volume", 0),
                f.nonNegativeLong("time_msc"), f.integer("flags", 0));
    }

    private static Payload.Bar bar(JsonFields f) throws ProtocolException {
        String symbol = f.name("symbol", 32);
        String tf = f.str("timeframe");
        try {
            Timeframe.parse(tf);
        } catch (IllegalArgumentException e) {
            throw f.error(ErrorCode.OUT_OF_RANGE, "timeframe", e.getMessage());
        }
        double o = f.price("open"), h = f.price("high"), l = f.price("low"), c = f.price("close");
        if (h < Math.max(o, Math.max(l, c))) throw f.error(ErrorCode.OUT_OF_RANGE, "high", "high " + h + " is below open/low/close");
        if (l > Math.min(o, c)) throw f.error(ErrorCode.OUT_OF_RANGE, "low", "low " + l + " is above open/close");
        return new Payload.Bar(symbol, tf, f.nonNegativeLong("time_msc"), o, h, l, c, f.nonNegativeLong("tick_volume", 0),
                f.integer("spread", 0));
    }

    private static Payload.Level level(JsonFields f) throws ProtocolException {
        return new Payload.Level(f.price("price"), f.nonNegative("volume"));
    }

    private static Payload.PositionInfo position(JsonFields f) throws ProtocolException {
        double volume = f.price("volume");
        return new Payload.PositionInfo(f.lng("ticket"), f.name("symbol", 32), f.word("side", Payload.SIDES), volume,
                f.price("price_open"), f.nonNegative("sl", 0), f.nonNegative("tp", 0), f.finite("profit"),
                f.finite("swap", 0), f.finite("commission", 0), f.nonNegativeLong("time_msc"), f.str("signal_id", ""));
    }

    /** A pending type's side: buy_* buys, sell_* sells. */
    private static String sideOf(String type) {
        return type.startsWith("buy") ? "buy" : "sell";
    }

    /** The stop of an order entering at {@code price} on {@code side} must be on its losing side. */
    private static void stopSide(JsonFields f, String side, double price, double sl) throws ProtocolException {
        if (sl > 0 && (side.equals("buy") ? sl >= price : sl <= price))
            throw f.error(ErrorCode.OUT_OF_RANGE, "sl", "stop loss " + sl + " is on the wrong side of " + side + " price " + price);
    }

    private static Payload.PendingInfo pendingOrder(JsonFields f) throws ProtocolException {
        String type = f.word("order_type", Payload.Order.TYPES);
        double volume = f.price("volume"), price = f.price("price"), sl = f.nonNegative("sl", 0);
        stopSide(f, sideOf(type), price, sl);
        return new Payload.PendingInfo(f.lng("ticket"), f.name("symbol", 32), type, volume, price, sl, f.nonNegative("tp", 0),
                f.nonNegativeLong("expiry_msc", 0), f.str("signal_id", ""));
    }

    private static Payload.Order order(JsonFields f) throws ProtocolException {
        long ticket = f.lng("ticket");
        if (ticket < 1) throw f.error(ErrorCode.OUT_OF_RANGE, "ticket", "must be >= 1, got " + ticket);
        String state = f.word("state", Payload.Order.STATES);
        String type = f.word("order_type", Payload.Order.TYPES);
        double volume = f.price("volume"), price = f.price("price"), sl = f.nonNegative("sl", 0);
        stopSide(f, sideOf(type), price, sl);
        return new Payload.Order(ticket, state, f.name("symbol", 32), type, volume, price, sl, f.nonNegative("tp", 0),
                f.nonNegativeLong("expiry_msc", 0), f.str("signal_id", ""), f.str("reason", ""), f.nonNegativeLong("time_msc"));
    }

    private static Payload.Signal signal(JsonFields f) throws ProtocolException {
        String kind = f.word("kind", KINDS, "open");
        boolean open = kind.equals("open");
        double lots = open ? f.price("lots") : f.nonNegative("lots", 0);
        double price = open ? f.price("price") : f.nonNegative("price", 0);
        double sl = f.nonNegative("sl", 0), tp1 = f.nonNegative("tp1", 0), tp2 = f.nonNegative("tp2", 0);
        String side = f.word("side", Payload.SIDES);
        String orderType = f.word("order_type", Payload.Signal.ORDER_TYPES, "market");
        if (!orderType.equals("market") && (!open || !sideOf(orderType).equals(side)))
            throw f.error(ErrorCode.OUT_OF_RANGE, "order_type", "a " + orderType + " is an open on the "
                    + sideOf(orderType) + " side, got " + kind + " " + side);
        if (open && sl > 0) {
            boolean buy = side.equals("buy");
            if (buy ? sl >= price : sl <= price)
                throw f.error(ErrorCode.OUT_OF_RANGE, "sl", "stop loss " + sl + " is on the wrong side of " + side + " price " + price);
        }
        double conf = f.finite("confidence", 0);
        if (conf < 0 || conf > 1) throw f.error(ErrorCode.OUT_OF_RANGE, "confidence", "must be within 0..1, got " + conf);
        return new Payload.Signal(f.name("id", 64), kind, f.name("symbol", 32), side, lots, price,
                f.nonNegative("max_deviation", 0), sl, tp1, tp2, f.nonNegativeLong("expiry_ms"), f.str("alpha", ""),
                f.str("regime", ""), conf, f.str("reason", ""), f.nonNegativeLong("position", 0), orderType);
    }

    private static Payload.Fill fill(JsonFields f) throws ProtocolException {
        return new Payload.Fill(f.lng("deal"), f.nonNegativeLong("order", 0), f.nonNegativeLong("position", 0),
                f.str("signal_id", ""), f.name("symbol", 32), f.word("side", Payload.SIDES), f.word("entry", ENTRIES),
                f.price("price"), f.price("volume"), f.finite("commission", 0), f.finite("swap", 0), f.finite("profit", 0),
                f.nonNegativeLong("time_msc"), f.str("reason", ""));
    }

    private static Payload.Control control(JsonFields f) throws ProtocolException {
        String id = f.name("id", 64), action = f.word("action", Payload.Control.ACTIONS);
        boolean one = action.equals("close_position");
        long position = one ? f.nonNegativeLong("position") : f.nonNegativeLong("position", 0);
        if (one && position == 0)
            throw f.error(ErrorCode.OUT_OF_RANGE, "position", "close_position needs the ticket of the position to close, got 0");
        String symbol = f.str("symbol", "");
        if (symbol.length() > 32) throw f.error(ErrorCode.OUT_OF_RANGE, "symbol", "longer than 32 characters");
        String reason = f.str("reason");
        if (reason.isBlank()) throw f.error(ErrorCode.OUT_OF_RANGE, "reason", "must say why (the audit trail keeps it)");
        return new Payload.Control(id, action, position, symbol, reason, f.nonNegativeLong("time_ms"));
    }

    private static Payload.ControlAck controlAck(JsonFields f) throws ProtocolException {
        int closed = f.integer("closed", 0), cancelled = f.integer("cancelled", 0);
        if (closed < 0) throw f.error(ErrorCode.OUT_OF_RANGE, "closed", "must not be negative, got " + closed);
        if (cancelled < 0) throw f.error(ErrorCode.OUT_OF_RANGE, "cancelled", "must not be negative, got " + cancelled);
        return new Payload.ControlAck(f.name("control_id", 64), f.word("status", Payload.ControlAck.STATUSES),
                f.str("reason", ""), closed, cancelled);
    }

    private static Payload.Balance balance(JsonFields f) throws ProtocolException {
        long deal = f.lng("deal");
        if (deal < 1) throw f.error(ErrorCode.OUT_OF_RANGE, "deal", "must be >= 1, got " + deal);
        String kind = f.word("kind", Payload.Balance.KINDS);
        double amount = f.finite("amount");
        if (amount == 0) throw f.error(ErrorCode.OUT_OF_RANGE, "amount", "must not be 0");
        if (kind.equals("deposit") && amount < 0)
            throw f.error(ErrorCode.OUT_OF_RANGE, "amount", "a deposit must be positive, got " + amount);
        if ((kind.equals("withdrawal") || kind.equals("payout")) && amount > 0)
            throw f.error(ErrorCode.OUT_OF_RANGE, "amount", "a " + kind + " must be negative, got " + amount);
        return new Payload.Balance(deal, kind, amount, f.nonNegativeLong("time_msc"), f.str("comment", ""));
    }

    private static Payload.News news(JsonFields f) throws ProtocolException {
        long release = f.nonNegativeLong("release_ms");
        String currency = f.str("currency");
        // A 3-letter upper-case ISO code, or "All" for releases that move every symbol (as the calendar CSV says).
        if (!currency.equals("All") && !currency.matches("[A-Z]{3}"))
            throw f.error(ErrorCode.OUT_OF_RANGE, "currency", "must be a 3-letter upper-case code or 'All', got '" + currency + "'");
        return new Payload.News(release, currency, f.word("impact", Payload.News.IMPACTS), f.str("title", ""));
    }

    /** One JSON value and nothing after it, or null when there is no value at all (empty, or whitespace alone). */
    private static JsonNode tree(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) return null;
        JsonNode root = value(p, t);
        JsonToken after = p.nextToken();
        if (after != null) // the text databind's FAIL_ON_TRAILING_TOKENS gave, so that errors read as before
            throw new JsonParseException(p, "Trailing token (of type " + after + ") found after value (bound as "
                    + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        return root;
    }

    /**
     * The value starting at {@code t}, as databind read it with USE_LONG_FOR_INTS: every integer a long (beyond a
     * long, the parser's "out of range of long" error), every other number a double.
     */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    if (o.has(name)) throw new JsonParseException(p, "Duplicate field '" + name + "'"); // before its value, as the parser's check was
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) a.add(value(p, v));
                return a;
            }
            case VALUE_STRING: return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT: return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT: return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE: return BooleanNode.TRUE;
            case VALUE_FALSE: return BooleanNode.FALSE;
            case VALUE_NULL: return NullNode.instance;
            default: throw new JsonParseException(p, "unexpected token " + t);
        }
    }

    // ------------------------------------------------------------------ encode

    public byte[] encode(Envelope e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", e.v());
            g.writeStringField("type", e.type().wire);
            g.writeNumberField("seq", e.seq());
            g.writeNumberField("ts_ms", e.tsMs());
            if (e.reliable()) g.writeNumberField("prev", e.prev());
            if (e.resend()) g.writeBooleanField("resend", true);
            if (e.ackReq()) g.writeBooleanField("ack_req", true);
            writePayload(g, e.payload());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void writePayload(JsonGenerator g, Payload p) throws IOException {
        if (p instanceof Payload.Hello h) {
            g.writeStringField("terminal", h.terminal());
            g.writeStringField("account", h.account());
            g.writeStringField("server", h.server());
            g.writeStringField("company", h.company());
            g.writeStringField("currency", h.currency());
            g.writeNumberField("leverage", h.leverage());
            g.writeStringField("margin_mode", h.marginMode());
            g.writeNumberField("server_offset_s", h.serverOffsetS());
            g.writeArrayFieldStart("versions");
            for (int v : h.versions()) g.writeNumber(v);
            g.writeEndArray();
            g.writeNumberField("ack_seq", h.ackSeq());
            g.writeStringField("firm_profile", h.firmProfile());
            g.writeArrayFieldStart("symbols");
            for (Payload.SymbolInfo s : h.symbols()) writeSymbol(g, s);
            g.writeEndArray();
        } else if (p instanceof Payload.Welcome w) {
            g.writeNumberField("version", w.version());
            g.writeStringField("session", w.session());
            g.writeNumberField("ack_seq", w.ackSeq());
            g.writeNumberField("heartbeat_ms", w.heartbeatMs());
            g.writeNumberField("stale_ms", w.staleMs());
            g.writeStringField("firm_profile", w.firmProfile());
            g.writeStringField("sidecar_version", w.sidecarVersion());
        } else if (p instanceof Payload.Tick t) {
            g.writeStringField("symbol", t.symbol());
            g.writeNumberField("bid", t.bid());
            g.writeNumberField("ask", t.ask());
            g.writeNumberField("last", t.last());
            g.writeNumberField("volume", t.volume());
            g.writeNumberField("time_msc", t.timeMsc());
            g.writeNumberField("flags", t.flags());
        } else if (p instanceof Payload.Bar b) {
            g.writeStringField("symbol", b.symbol());
            g.writeStringField("timeframe", b.timeframe());
            g.writeNumberField("time_msc", b.timeMsc());
            g.writeNumberField("open", b.open());
            g.writeNumberField("high", b.high());
            g.writeNumberField("low", b.low());
            g.writeNumberField("close", b.close());
            g.writeNumberField("tick_volume", b.tickVolume());
            g.writeNumberField("spread", b.spread());
        } else if (p instanceof Payload.Book b) {
            g.writeStringField("symbol", b.symbol());
            g.writeNumberField("time_msc", b.timeMsc());
            writeLevels(g, "bids", b.bids());
            writeLevels(g, "asks", b.asks());
        } else if (p instanceof Payload.Account a) {
            g.writeNumberField("balance", a.balance());
            g.writeNumberField("equity", a.equity());
            g.writeNumberField("margin", a.margin());
            g.writeNumberField("free_margin", a.freeMargin());
            g.writeArrayFieldStart("positions");
            for (Payload.PositionInfo pos : a.positions()) {
                g.writeStartObject();
                g.writeNumberField("ticket", pos.ticket());
                g.writeStringField("symbol", pos.symbol());
                g.writeStringField("side", pos.side());
                g.writeNumberField("volume", pos.volume());
                g.writeNumberField("price_open", pos.priceOpen());
                g.writeNumberField("sl", pos.sl());
                g.writeNumberField("tp", pos.tp());
                g.writeNumberField("profit", pos.profit());
                g.writeNumberField("swap", pos.swap());
                g.writeNumberField("commission", pos.commission());
                g.writeNumberField("time_msc", pos.timeMsc());
                g.writeStringField("signal_id", pos.signalId());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!a.orders().isEmpty()) {   // only when there are some: an older reader sees the account it knows
                g.writeArrayFieldStart("orders");
                for (Payload.PendingInfo o : a.orders()) {
                    g.writeStartObject();
                    g.writeNumberField("ticket", o.ticket());
                    g.writeStringField("symbol", o.symbol());
                    g.writeStringField("order_type", o.type());
                    g.writeNumberField("volume", o.volume());
                    g.writeNumberField("price", o.price());
                    g.writeNumberField("sl", o.sl());
                    g.writeNumberField("tp", o.tp());
                    g.writeNumberField("expiry_msc", o.expiryMsc());
                    g.writeStringField("signal_id", o.signalId());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else if (p instanceof Payload.Signal s) {
            g.writeStringField("id", s.id());
            g.writeStringField("kind", s.kind());
            g.writeStringField("symbol", s.symbol());
            g.writeStringField("side", s.side());
            g.writeNumberField("lots", s.lots());
            g.writeNumberField("price", s.price());
            g.writeNumberField("max_deviation", s.maxDeviation());
            g.writeNumberField("sl", s.sl());
            g.writeNumberField("tp1", s.tp1());
            g.writeNumberField("tp2", s.tp2());
            g.writeNumberField("expiry_ms", s.expiryMs());
            g.writeStringField("alpha", s.alpha());
            g.writeStringField("regime", s.regime());
            g.writeNumberField("confidence", s.confidence());
            g.writeStringField("reason", s.reason());
            g.writeNumberField("position", s.position());
            if (!s.orderType().equals("market")) g.writeStringField("order_type", s.orderType());
        } else if (p instanceof Payload.SignalAck a) {
            g.writeStringField("signal_id", a.signalId());
            g.writeStringField("status", a.status());
            g.writeStringField("rule", a.rule());
            g.writeStringField("reason", a.reason());
            g.writeNumberField("ticket", a.ticket());
            g.writeNumberField("price", a.price());
        } else if (p instanceof Payload.Balance b) {
            g.writeNumberField("deal", b.deal());
            g.writeStringField("kind", b.kind());
            g.writeNumberField("amount", b.amount());
            g.writeNumberField("time_msc", b.timeMsc());
            g.writeStringField("comment", b.comment());
        } else if (p instanceof Payload.Order o) {
            g.writeNumberField("ticket", o.ticket());
            g.writeStringField("state", o.state());
            g.writeStringField("symbol", o.symbol());
            g.writeStringField("order_type", o.type());
            g.writeNumberField("volume", o.volume());
            g.writeNumberField("price", o.price());
            g.writeNumberField("sl", o.sl());
            g.writeNumberField("tp", o.tp());
            g.writeNumberField("expiry_msc", o.expiryMsc());
            g.writeStringField("signal_id", o.signalId());
            g.writeStringField("reason", o.reason());
            g.writeNumberField("time_msc", o.timeMsc());
        } else if (p instanceof Payload.Fill f) {
            g.writeNumberField("deal", f.deal());
            g.writeNumberField("order", f.order());
            g.writeNumberField("position", f.position());
            g.writeStringField("signal_id", f.signalId());
            g.writeStringField("symbol", f.symbol());
            g.writeStringField("side", f.side());
            g.writeStringField("entry", f.entry());
            g.writeNumberField("price", f.price());
            g.writeNumberField("volume", f.volume());
            g.writeNumberField("commission", f.commission());
            g.writeNumberField("swap", f.swap());
            g.writeNumberField("profit", f.profit());
            g.writeNumberField("time_msc", f.timeMsc());
            g.writeStringField("reason", f.reason());
        } else if (p instanceof Payload.Control c) {
            g.writeStringField("id", c.id());
            g.writeStringField("action", c.action());
            g.writeNumberField("position", c.position());
            g.writeStringField("symbol", c.symbol());
            g.writeStringField("reason", c.reason());
            g.writeNumberField("time_ms", c.timeMs());
        } else if (p instanceof Payload.ControlAck a) {
            g.writeStringField("control_id", a.controlId());
            g.writeStringField("status", a.status());
            g.writeStringField("reason", a.reason());
            g.writeNumberField("closed", a.closed());
            g.writeNumberField("cancelled", a.cancelled());
        } else if (p instanceof Payload.GovernorState s) {
            g.writeStringField("mode", s.mode());
            g.writeStringField("reason", s.reason());
            g.writeArrayFieldStart("rules");
            for (Payload.RuleState r : s.rules()) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeNumberField("value", r.value());
                g.writeNumberField("limit", r.limit());
                g.writeNumberField("distance", r.distance());
                g.writeStringField("status", r.status());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (p instanceof Payload.FirmState s) {
            g.writeStringField("status", s.status());
            g.writeStringField("rule", s.rule());
            g.writeStringField("reason", s.reason());
            g.writeNumberField("blocked_until_ms", s.blockedUntilMs());
            g.writeNumberField("challenge_start_ms", s.challengeStartMs());
            g.writeNumberField("initial_balance", s.initialBalance());
            g.writeNumberField("time_ms", s.timeMs());
            g.writeNumberField("balance", s.balance());
            g.writeNumberField("equity", s.equity());
            g.writeNumberField("day_start_ms", s.dayStartMs());
            g.writeNumberField("next_reset_ms", s.nextResetMs());
            g.writeNumberField("day_start_balance", s.dayStartBalance());
            g.writeNumberField("day_start_equity", s.dayStartEquity());
            g.writeNumberField("high_water", s.highWater());
            g.writeNumberField("trading_days", s.tradingDays());
            g.writeBooleanField("traded_today", s.tradedToday());
            g.writeNumberField("profitable_days", s.profitableDays());
            g.writeNumberField("day_profit", s.dayProfit());
            g.writeNumberField("best_day", s.bestDay());
            g.writeNumberField("deals_read", s.dealsRead());
        } else if (p instanceof Payload.SymbolUpdate u) {
            g.writeStringField("symbol", u.symbol());
            g.writeNumberField("tick_value", u.tickValue());
        } else if (p instanceof Payload.News n) {
            g.writeNumberField("release_ms", n.releaseMs());
            g.writeStringField("currency", n.currency());
            g.writeStringField("impact", n.impact());
            g.writeStringField("title", n.title());
        } else if (p instanceof Payload.Heartbeat) {
        } else if (p instanceof Payload.Ack a) {
            g.writeNumberField("ack_seq", a.ackSeq());
            g.writeNumberField("echo_seq", a.echoSeq());
        } else if (p instanceof Payload.Error er) {
            g.writeStringField("code", er.code());
            g.writeStringField("message", er.message());
            g.writeStringField("field", er.field());
            g.writeNumberField("ref_seq", er.refSeq());
        }
    }

    private static void writeSymbol(JsonGenerator g, Payload.SymbolInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", s.symbol());
        g.writeNumberField("digits", s.digits());
        g.writeNumberField("point", s.point());
        g.writeNumberField("tick_size", s.tickSize());
        g.writeNumberField("tick_value", s.tickValue());
        g.writeNumberField("contract_size", s.contractSize());
        g.writeNumberField("volume_min", s.volumeMin());
        g.writeNumberField("volume_step", s.volumeStep());
        g.writeNumberField("volume_max", s.volumeMax());
        g.writeNumberField("stops_level", s.stopsLevel());
        g.writeNumberField("freeze_level", s.freezeLevel());
        g.writeStringField("base_currency", s.baseCurrency());
        g.writeStringField("profit_currency", s.profitCurrency());
        g.writeArrayFieldStart("sessions");
        for (Payload.Session x : s.sessions()) {
            g.writeStartObject();
            g.writeNumberField("day", x.day());
            g.writeNumberField("from_min", x.fromMin());
            g.writeNumberField("to_min", x.toMin());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeLevels(JsonGenerator g, String name, List<Payload.Level> levels) throws IOException {
        g.writeArrayFieldStart(name);
        for (Payload.Level l : levels) {
            g.writeStartObject();
            g.writeNumberField("price", l.price());
            g.writeNumberField("volume", l.volume());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** An error reply for {@code ex}, to be sent with the receiver's own next seq. */
    public static Payload.Error errorFor(ProtocolException ex) {
        return new Payload.Error(ex.code().wire(), ex.getMessage(), ex.field() == null ? "" : ex.field(), ex.refSeq());
    }
}
