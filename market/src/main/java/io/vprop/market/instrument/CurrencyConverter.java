package io.vprop.market.instrument;

import io.vprop.market.SymbolSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts money into the account currency at current quotes, the way MT5 values crosses and JPY pairs: JPY → USD
 * at 1 / USDJPY, GBP → USD at GBPUSD, CAD → USD at 1 / USDCAD. A route is a quoted symbol whose base and profit
 * currencies are the two currencies (direct or inverse), else a configured fixed rate; a quoted symbol wins over a
 * fixed rate, else two quoted symbols through a third currency (AUD → USD at EURUSD / EURAUD when the account quotes
 * those two but neither AUDUSD nor a fixed AUD rate). With none, {@link #route} throws
 * {@link NoConversionRouteException} naming the pair needed — the converter never assumes 1.0. Quotes are mids; MT5 distinguishes the bid and ask of the conversion pair for
 * profits and losses (SYMBOL_TRADE_TICK_VALUE_PROFIT/LOSS), a difference of half that pair's spread.
 * <p>
 * Among the 8 major currencies every pair is a table symbol, so one hop reaches any account in one of them when the
 * account quotes that pair; the cross route serves markets that lack it (the shared H4 bars have EURAUD, GBPAUD,
 * EURCAD and GBPCAD but neither AUDUSD nor USDCAD). A cross's first leg is the first quoted symbol, in the order
 * given, that pairs the currency with one the account converts in one quoted hop. Immutable and thread-safe after
 * construction.
 */
public final class CurrencyConverter {
    /** Market-convention priority: a pair's base is the currency that comes first (EURUSD, USDJPY, GBPCHF). */
    private static final List<String> PRIORITY = List.of("EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "JPY");

    /** A quoted symbol that converts between its base and profit currencies. */
    public record Pair(String symbol, String base, String quote) {
    }

    private final String account;
    private final List<Pair> pairs;
    private final Map<String, Double> fixedRates;
    private final Map<String, ConversionRoute> routes = new HashMap<>();

    /**
     * @param accountCurrency the currency money is converted into, e.g. "USD"
     * @param quoted          symbols whose quotes may be used (symbols with base = profit currency are ignored)
     * @param fixedRates      pair → price, e.g. "USDJPY" → 150.0 (1 USD = 150 JPY); used where no symbol is quoted
     */
    public CurrencyConverter(String accountCurrency, Collection<Pair> quoted, Map<String, Double> fixedRates) {
        if (accountCurrency == null || !accountCurrency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("account currency must be a 3-letter code like USD, got '" + accountCurrency + "'");
        }
        this.account = accountCurrency;
        List<Pair> p = new ArrayList<>();
        for (Pair q : quoted) if (q.base() != null && q.quote() != null && !q.base().equals(q.quote())) p.add(q);
        this.pairs = List.copyOf(p);
        Map<String, Double> f = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : fixedRates.entrySet()) {
            String pair = e.getKey();
            Double v = e.getValue();
            if (pair == null || !pair.matches("[A-Z]{6}")) throw new IllegalArgumentException("fixed rate key '" + pair + "' is not a pair like USDJPY");
            if (v == null || !(v > 0) || v.isInfinite()) throw new IllegalArgumentException("fixed rate " + pair + " must be a positive number, got " + v);
            f.put(pair, v);
        }
        this.fixedRates = Map.copyOf(f);
    }

    /** A converter over every instrument's symbol. */
    public static CurrencyConverter forInstruments(String accountCurrency, Collection<Instrument> instruments,
                                                   Map<String, Double> fixedRates) {
        List<Pair> p = new ArrayList<>();
        for (Instrument i : instruments) p.add(new Pair(i.symbol(), i.baseCurrency(), i.profitCurrency()));
        return new CurrencyConverter(accountCurrency, p, fixedRates);
    }

    /** A converter over every spec's symbol. */
    public static CurrencyConverter forSpecs(String accountCurrency, Collection<SymbolSpec> specs, Map<String, Double> fixedRates) {
        List<Pair> p = new ArrayList<>();
        for (SymbolSpec s : specs) p.add(new Pair(s.symbol(), s.baseCurrency(), s.profitCurrency()));
        return new CurrencyConverter(accountCurrency, p, fixedRates);
    }

    public String accountCurrency() { return account; }

    public Map<String, Double> fixedRates() { return fixedRates; }

    /** How {@code currency} becomes the account currency; throws {@link NoConversionRouteException} when it cannot. */
    public synchronized ConversionRoute route(String currency) {
        ConversionRoute r = routes.get(currency);
        if (r == null) {
            r = find(currency);
            routes.put(currency, r);
        }
        return r;
    }

    /** As {@link #route}, or null when there is none. */
    public ConversionRoute routeOrNull(String currency) {
        try {
            return route(currency);
        } catch (NoConversionRouteException e) {
            return null;
        }
    }

    /**
     * The rate of one unit of {@code currency} in the account currency now.
     *
     * @throws NoConversionRouteException when no route exists
     * @throws IllegalStateException      when the route's symbol has no quote yet (naming it)
     */
    public double rate(String currency, QuoteLookup quotes) {
        ConversionRoute r = route(currency);
        double v = r.rate(quotes);
        if (!(v > 0)) throw new IllegalStateException("no " + r.quotes() + " quote yet to convert " + currency + " to " + account);
        return v;
    }

    /** MT5's SYMBOL_TRADE_TICK_VALUE of {@code instrument} now, in the account currency. */
    public double tickValue(Instrument instrument, QuoteLookup quotes) {
        return instrument.tickValue(rate(instrument.profitCurrency(), quotes));
    }

    /** The pair named in market convention for two currencies: USD and JPY → USDJPY, GBP and USD → GBPUSD. */
    public static String marketPair(String a, String b) {
        int ia = PRIORITY.indexOf(a), ib = PRIORITY.indexOf(b);
        if (ia < 0 && ib < 0) return a + b;
        if (ia < 0) return b + a;
        if (ib < 0) return a + b;
        return ia < ib ? a + b : b + a;
    }

    /**
     * Parses fixed rates written as {@code PAIR=price} separated by commas, e.g. {@code "USDJPY=150, GBPUSD=1.27"};
     * blank = none. Throws naming the bad entry.
     */
    public static Map<String, Double> parseFixedRates(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return m;
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) continue;
            int eq = entry.indexOf('=');
            String pair = eq < 0 ? entry : entry.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            if (eq < 0 || !pair.matches("[A-Z]{6}")) {
                throw new IllegalArgumentException("fixed rate '" + entry + "' must be PAIR=price, like USDJPY=150.0");
            }
            double v;
            try {
                v = Double.parseDouble(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fixed rate '" + entry + "': '" + entry.substring(eq + 1).trim() + "' is not a number");
            }
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("fixed rate '" + entry + "' must be a positive price");
            if (m.put(pair, v) != null) throw new IllegalArgumentException("fixed rate " + pair + " is given twice");
        }
        return m;
    }

    private ConversionRoute find(String from) {
        if (from == null || from.isBlank()) throw new IllegalArgumentException("currency to convert is required");
        if (from.equals(account)) return ConversionRoute.same(from);
        ConversionRoute quoted = quotedHop(from, account);
        if (quoted != null) return quoted;
        Double direct = fixedRates.get(from + account);
        if (direct != null) return new ConversionRoute(from, account, ConversionRoute.Kind.FIXED, null, direct);
        Double inverse = fixedRates.get(account + from);
        if (inverse != null) return new ConversionRoute(from, account, ConversionRoute.Kind.FIXED, null, 1.0 / inverse);
        for (Pair p : pairs) {                      // two quoted hops: from → third currency → account
            String third = p.base().equals(from) ? p.quote() : p.quote().equals(from) ? p.base() : null;
            if (third == null || third.equals(account)) continue;
            ConversionRoute second = quotedHop(third, account);
            if (second == null) continue;
            ConversionRoute.Kind k = p.base().equals(from) ? ConversionRoute.Kind.DIRECT : ConversionRoute.Kind.INVERSE;
            return ConversionRoute.cross(new ConversionRoute(from, third, k, p.symbol(), Double.NaN), second);
        }
        throw new NoConversionRouteException(from, account, marketPair(from, account), null);
    }

    /** One quoted symbol between the two currencies (base {@code from}: DIRECT; base {@code to}: INVERSE), or null. */
    private ConversionRoute quotedHop(String from, String to) {
        for (Pair p : pairs) {
            if (p.base().equals(from) && p.quote().equals(to)) {
                return new ConversionRoute(from, to, ConversionRoute.Kind.DIRECT, p.symbol(), Double.NaN);
            }
        }
        for (Pair p : pairs) {
            if (p.base().equals(to) && p.quote().equals(from)) {
                return new ConversionRoute(from, to, ConversionRoute.Kind.INVERSE, p.symbol(), Double.NaN);
            }
        }
        return null;
    }
}
