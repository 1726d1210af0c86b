package io.vprop.governors.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.governors.attach.AttachInput;
import io.vprop.governors.attach.HistoryDeal;
import io.vprop.governors.config.JsonFields;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.PendingEvent;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.ProfileException;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderType;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads scenario files (format: governors/scenarios/README.md). Problems name the step and field. */
final class ScenarioLoader {
    /** Strict like the EA's JSON reader (Json.mqh): a key given twice is an error, not "the last one wins". */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ScenarioLoader() {}

    static Scenario load(Path file) {
        try {
            return parse(JSON.readTree(Files.readString(file)), file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario file not found: " + file);
        } catch (JsonProcessingException e) {
            throw ProfileLoader.notJson(file.toString(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Scenario parse(JsonNode root, String origin) {
        JsonFields f = new JsonFields(root, "");
        String name = f.text("name");
        String description = f.text("description", "");
        String source = f.text("source", "");
        FirmProfile profile;
        String ref;
        if (f.has("profile") && f.has("rules")) {
            throw new ProfileException("rules", "give either \"profile\" (a bundled id) or inline \"rules\", not both");
        } else if (f.has("profile")) {
            ref = f.text("profile");
            profile = ProfileLoader.bundled(ref);
        } else if (f.has("rules")) {
            ref = "inline";
            profile = ProfileLoader.parse(f.raw("rules"), origin + " rules");
        } else {
            throw new ProfileException("profile", "missing value (give \"profile\" or inline \"rules\")");
        }
        // with an attach section the initial balance is the configured one, which may be unknown (absent)
        double initial = f.has("attach") ? f.number("initialBalance", Double.NaN) : f.number("initialBalance");
        if (!(initial > 0) && !(f.has("attach") && Double.isNaN(initial)))
            throw new ProfileException("initialBalance", "must be greater than 0, got " + initial);
        String currency = f.text("currency", "USD");
        Attach attach = f.has("attach") ? attach(f.object("attach"), initial) : null;
        JsonNode evs = f.raw("events");
        if (evs == null || !evs.isArray() || evs.isEmpty()) throw new ProfileException("events", "must be a non-empty array");
        f.rejectUnknown();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < evs.size(); i++) steps.add(step(i, new JsonFields(evs.get(i), "events[" + i + "]")));
        if (attach != null && steps.get(0).timeMs() < attach.input().nowMs())
            throw new ProfileException("events[0].time", "is before attach.time (the account is attached first)");
        return new Scenario(name, description, source, ref, profile, initial, currency, attach, steps);
    }

    private static Attach attach(JsonFields a, double configuredInitial) {
        long t = a.epochMsOrIso("time");
        long start = a.has("start") ? a.epochMsOrIso("start") : AttachInput.NO_START;
        double balance = a.number("balance"), equity = a.number("equity", balance);
        List<HistoryDeal> deals = new ArrayList<>();
        JsonNode arr = a.raw("deals");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) throw new ProfileException(a.field("deals"), "must be an array");
            for (int k = 0; k < arr.size(); k++) deals.add(deal(new JsonFields(arr.get(k), a.field("deals[" + k + "]"))));
        }
        String status = null, rule = null, reason = null;
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, Long> times = new LinkedHashMap<>();
        if (a.has("expect")) {
            JsonFields x = a.object("expect");
            status = x.text("status", null);
            if (status != null && !status.equals("OK") && !status.equals("BLOCKED"))
                throw new ProfileException(x.field("status"), "must be OK or BLOCKED, got '" + status + "'");
            rule = x.text("rule", null);
            reason = x.text("reason", null);
            for (String k : Attach.NUMERIC_KEYS) if (x.has(k)) numbers.put(k, x.number(k));
            for (String k : Attach.TIME_KEYS) if (x.has(k)) times.put(k, x.epochMsOrIso(k));
            x.rejectUnknown();
        }
        a.text("note", "");
        a.rejectUnknown();
        try {
            return new Attach(new AttachInput(t, balance, equity, start, configuredInitial, deals), status, rule, reason, numbers, times);
        } catch (IllegalArgumentException bad) {
            throw new ProfileException(a.field("time"), bad.getMessage());
        }
    }

    /** A deal of the attach history: {@code type} balance | in | out, {@code amount} its net money. */
    private static HistoryDeal deal(JsonFields d) {
        long t = d.epochMsOrIso("time");
        String type = d.text("type");
        HistoryDeal.Kind kind = switch (type) {
            case "balance" -> HistoryDeal.Kind.BALANCE;
            case "in" -> HistoryDeal.Kind.IN;
            case "out" -> HistoryDeal.Kind.OUT;
            default -> throw new ProfileException(d.field("type"), "unknown deal type '" + type + "' (balance, in, out)");
        };
        long position = kind == HistoryDeal.Kind.BALANCE ? d.integer("position", 0) : d.integer("position");
        double volume = d.number("volume", kind == HistoryDeal.Kind.BALANCE ? 0 : 1);
        double amount = d.number("amount", 0);
        d.text("note", "");
        d.rejectUnknown();
        try {
            return new HistoryDeal(t, kind, position, volume, amount);
        } catch (IllegalArgumentException bad) {
            throw new ProfileException(d.field("type"), bad.getMessage());
        }
    }

    private static Step step(int i, JsonFields e) {
        String type = e.text("type");
        long t = e.epochMsOrIso("time");
        e.text("note", "");
        String expectError = e.text("expectError", null);
        Expectation exp = e.has("expect") ? expectation(e.object("expect")) : null;
        GovernorEvent ev = null;
        String rejection = null;
        try {
            ev = event(type, t, e);
        } catch (ProfileException pe) {
            throw pe; // a malformed file, not an input the engine must reject
        } catch (IllegalArgumentException bad) {
            if (expectError == null) throw new ProfileException(e.field("type"), "event rejected: " + bad.getMessage());
            rejection = bad.getMessage();
        }
        if (expectError != null && rejection == null) {
            rejection = ""; // the runner reports that the expected rejection did not happen
        }
        if (ev != null) e.rejectUnknown();
        return new Step(i, type, t, ev, exp, expectError, rejection);
    }

    private static GovernorEvent event(String type, long t, JsonFields e) {
        return switch (type) {
            case "account" -> {
                List<ValuedPosition> ps = new ArrayList<>();
                JsonNode arr = e.raw("positions");
                if (arr != null && !arr.isNull()) {
                    for (int k = 0; k < arr.size(); k++) ps.add(position(new JsonFields(arr.get(k), e.field("positions[" + k + "]"))));
                }
                List<ValuedOrder> os = new ArrayList<>();
                JsonNode oa = e.raw("orders");
                if (oa != null && !oa.isNull()) {
                    for (int k = 0; k < oa.size(); k++) {
                        JsonFields of = new JsonFields(oa.get(k), e.field("orders[" + k + "]"));
                        os.add(pendingOrder(of));
                        of.rejectUnknown();
                    }
                }
                yield new AccountSnapshot(t, e.number("balance"), e.number("equity"), ps, os, e.integer("pendingOrders", 0));
            }
            case "fill" -> {
                boolean entry = e.bool("entry", true);
                long open = e.has("openTime") ? e.epochMsOrIso("openTime") : t;
                if (!entry && !e.has("openTime")) throw new ProfileException(e.field("openTime"), "missing value (required for exits)");
                String symbol = e.text("symbol");
                Side side = e.enumValue("side", Side.class);
                double volume = e.number("volume"), price = e.number("price"), profit = e.number("profit", 0);
                long position = e.integer("position", 0);
                String signalId = e.text("signalId", "");
                long dealTime = e.has("dealTime") ? e.epochMsOrIso("dealTime") : t;
                // the file's profit is the deal's net result: commission and swap are in it
                yield new FillEvent(t, new Fill(0, 0, position, signalId, symbol, side, entry ? FillEntry.IN : FillEntry.OUT,
                        price, volume, 0, 0, profit, dealTime, ""), open);
            }
            case "order" -> {
                String symbol = e.text("symbol");
                Side side = e.enumValue("side", Side.class);
                double lots = e.number("lots"), entryPrice = e.number("entryPrice"), stopLoss = e.number("stopLoss", 0);
                double riskAtStop = e.number("riskAtStop", Double.NaN), moneyPerPriceUnit = e.number("moneyPerPriceUnit", 0);
                long expiry = e.has("expiry") ? e.epochMsOrIso("expiry") : 0;
                yield new OrderCheck(t, OrderIntent.open(symbol, side, lots, entryPrice, 0, stopLoss, 0, 0, expiry, "", "", 0, ""),
                        riskAtStop, moneyPerPriceUnit, e.text("signalId", ""));
            }
            case "pending" -> pending(t, e);
            case "ack" -> new OrderAck(t, e.text("signalId"), e.enumValue("status", OrderStatus.class), e.integer("ticket", 0));
            case "clock" -> new ClockTick(t);
            case "balance" -> {
                String k = e.text("kind");
                BalanceOperation.Kind kind = BalanceOperation.Kind.ofWire(k);
                if (kind == null) throw new ProfileException(e.field("kind"), "unknown kind '" + k
                        + "' (deposit, withdrawal, payout, credit, bonus, correction, charge, commission)");
                yield new BalanceOperation(t, kind, Cents.of(e.number("amount")), e.integer("deal"), e.text("comment", ""));
            }
            case "news" -> new NewsEvent(t, e.epochMsOrIso("releaseTime"), e.text("currency"),
                    e.enumValue("impact", NewsEvent.Impact.class));
            default -> throw new ProfileException(e.field("type"), "unknown event type '" + type
                    + "' (account, fill, order, pending, ack, clock, news, balance)");
        };
    }

    /**
     * A pending order's step: {@code place} is the check before it is sent (an {@link OrderCheck} entering at its
     * trigger), the others are the terminal's {@code order} message ({@link PendingEvent}).
     */
    private static GovernorEvent pending(long t, JsonFields e) {
        String action = e.text("action");
        if (action.equals("place")) {
            OrderType type = e.enumValue("orderType", OrderType.class);
            if (!type.pending()) throw new ProfileException(e.field("orderType"), "a pending step needs a pending type, got " + type);
            String symbol = e.text("symbol");
            double volume = e.number("volume"), price = e.number("price"), sl = e.number("stopLoss", 0), tp = e.number("takeProfit", 0);
            long expiry = e.has("expiry") ? e.epochMsOrIso("expiry") : 0;
            double riskAtStop = e.number("riskAtStop", Double.NaN), mpu = e.number("moneyPerPriceUnit", 0);
            return new OrderCheck(t, OrderIntent.open(symbol, type.side(), volume, price, 0, sl, tp, 0, expiry, "", "", 0, ""),
                    riskAtStop, mpu, e.text("signalId", ""), type);
        }
        PendingEvent.State state;
        try {
            state = PendingEvent.State.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException bad) {
            throw new ProfileException(e.field("action"), "unknown pending action '" + action
                    + "' (place, placed, modified, cancelled, expired, rejected, filled)");
        }
        return new PendingEvent(t, state, pendingOrder(e), e.text("reason", ""));
    }

    /** A pending order of the file: {ticket, symbol, orderType, volume, price (trigger), stopLoss, takeProfit, expiry, signalId, moneyPerPriceUnit}. */
    private static ValuedOrder pendingOrder(JsonFields o) {
        long ticket = o.integer("ticket");
        String symbol = o.text("symbol");
        OrderType type = o.enumValue("orderType", OrderType.class);
        if (!type.pending()) throw new ProfileException(o.field("orderType"), "a resting order needs a pending type, got " + type);
        double volume = o.number("volume"), price = o.number("price"), sl = o.number("stopLoss", 0), tp = o.number("takeProfit", 0);
        long expiry = o.has("expiry") ? o.epochMsOrIso("expiry") : 0;
        return new ValuedOrder(new PendingOrder(ticket, symbol, type, volume, price, sl, tp, expiry, o.text("signalId", "")),
                o.number("moneyPerPriceUnit", 0));
    }

    /** A position of the file: ticket and signal id optional, its profit is the net floating result (commission and swap are in it). */
    private static ValuedPosition position(JsonFields p) {
        String symbol = p.text("symbol");
        Side side = p.enumValue("side", Side.class);
        double volume = p.number("volume"), openPrice = p.number("openPrice"), stopLoss = p.number("stopLoss", 0);
        long openTime = p.epochMsOrIso("openTime");
        double profit = p.number("profit", 0), moneyPerPriceUnit = p.number("moneyPerPriceUnit", 0);
        long ticket = p.integer("ticket", 0);
        String signalId = p.text("signalId", "");
        ValuedPosition pos = new ValuedPosition(new Position(ticket, symbol, side, volume, openPrice, stopLoss, 0, profit, 0, 0,
                openTime, signalId), moneyPerPriceUnit);
        p.rejectUnknown();
        return pos;
    }

    private static Expectation expectation(JsonFields x) {
        String action = x.text("action", null);
        String rule = x.text("rule", null);
        String message = x.text("message", null);
        List<String> hits = new ArrayList<>();
        JsonNode h = x.raw("hits");
        if (h != null && !h.isNull()) h.forEach(n -> hits.add(n.asText()));
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, Boolean> booleans = new LinkedHashMap<>();
        Map<String, Long> times = new LinkedHashMap<>();
        for (String k : ScenarioRunner.NUMERIC_KEYS) if (x.has(k)) numbers.put(k, x.number(k));
        for (String k : ScenarioRunner.BOOLEAN_KEYS) if (x.has(k)) booleans.put(k, x.bool(k, false));
        for (String k : ScenarioRunner.TIME_KEYS) if (x.has(k)) times.put(k, x.epochMsOrIso(k));
        List<Long> cancel = null;
        JsonNode c = x.raw("cancel");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) throw new ProfileException(x.field("cancel"), "must be an array of tickets");
            cancel = new ArrayList<>();
            for (JsonNode n : c) {
                if (!n.canConvertToLong()) throw new ProfileException(x.field("cancel"), "must be an array of tickets");
                cancel.add(n.asLong());
            }
        }
        x.rejectUnknown();
        return new Expectation(action, rule, message, hits, numbers, booleans, times, cancel);
    }
}
