package io.vprop.challenge.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.trade.Side;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static io.vprop.challenge.history.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * VProp research results as trade histories. {@code walkforward-result.json} is the real result.json of
 * {@code vprop walkforward --data ../shared/data/bars/h4_d1 --symbols EURUSD,GBPUSD --from 2015-01-01 --to 2018-01-01
 * --train 18m --test 6m --grid fast=10,20,slow=60} (the research module's test runner; 120 out-of-sample trades in
 * three test windows). The other cases are edits of that file.
 */
class ResearchImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static JsonNode wf;

    @BeforeAll
    static void load() throws IOException {
        wf = JSON.readTree(Files.readAllBytes(path("walkforward-result.json")));
    }

    private static byte[] bytes(JsonNode n) throws IOException {
        return JSON.writeValueAsBytes(n);
    }

    @Test
    void aWalkForwardResultGivesItsOutOfSampleTradesInUsdWithoutAServerZone() {
        assertThat(HistoryImport.detect(path("walkforward-result.json"))).isEqualTo(HistoryFormat.VPROP_WALKFORWARD);
        assertThat(HistoryFormat.VPROP_WALKFORWARD.needsServerZone()).isFalse();
        TradeHistory h = HistoryImport.read(path("walkforward-result.json"));
        JsonNode oos = wf.get("oos_trades");
        assertThat(h.trades()).hasSize(oos.size());
        assertThat(h.currency()).isEqualTo("USD");
        assertThat(h.initialBalance()).isEqualTo(wf.get("spec").get("initial_balance_usd").asDouble());
        assertThat(h.source()).startsWith("walkforward-result.json (VProp walk-forward result: out-of-sample trades, TEST RUNNER");
        double pnl = 0;
        for (JsonNode t : oos) pnl += t.get("pnl_usd").asDouble();
        assertThat(h.trades().stream().mapToDouble(ClosedTrade::net).sum()).isCloseTo(pnl, org.assertj.core.data.Offset.offset(1e-6));
        for (int i = 1; i < h.trades().size(); i++)
            assertThat(h.trades().get(i).closeMs()).isGreaterThanOrEqualTo(h.trades().get(i - 1).closeMs());
        // the first trade of the file, field by field: pnl_usd is net, ClosedTrade.profit is the price move's part
        JsonNode first = oos.get(0);
        ClosedTrade t = h.trades().stream().filter(x -> x.source().endsWith("oos_trades[0]")).findFirst().orElseThrow();
        assertThat(t.symbol()).isEqualTo(first.get("symbol").asText());
        assertThat(t.side()).isEqualTo(Side.valueOf(first.get("side").asText()));
        assertThat(t.lots()).isEqualTo(first.get("lots").asDouble());
        assertThat(t.openMs()).isEqualTo(first.get("open_ms").asLong());
        assertThat(t.closeMs()).isEqualTo(first.get("close_ms").asLong());
        assertThat(t.commission()).isEqualTo(first.get("commission_usd").asDouble());
        assertThat(t.profit() + t.commission() + t.swap()).isCloseTo(first.get("pnl_usd").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.riskMoney()).isEqualTo(first.get("risk_usd").asDouble());
        assertThat(t.worstExcursion()).isEqualTo(first.get("worst_excursion_usd").asDouble());
        assertThat(h.trades().stream().map(ClosedTrade::id).distinct()).hasSize(h.trades().size());
    }

    @Test
    void serverZoneOptionsAreAcceptedAndIgnoredButAnotherCurrencyIsNot() {
        TradeHistory withZone = HistoryImport.read(path("walkforward-result.json"), ImportOptions.newYorkClose());
        assertThat(withZone.trades()).isEqualTo(HistoryImport.read(path("walkforward-result.json")).trades());
        assertThatThrownBy(() -> HistoryImport.read(path("walkforward-result.json"),
                ImportOptions.newYorkClose().withCurrency("EUR")))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("walkforward-result.json: the research result's account currency is USD but the import options say EUR");
    }

    @Test
    void aVersionOneFileCallsTheSameOutOfSampleTradesTrades() throws IOException {
        ObjectNode v1 = wf.deepCopy();
        v1.put("format", "vprop-walkforward-v1");
        v1.remove("kind");
        v1.set("trades", v1.remove("oos_trades"));
        TradeHistory h = HistoryImport.read(bytes(v1), "old.json");
        assertThat(h.trades()).hasSize(wf.get("oos_trades").size());
    }

    @Test
    void aTradeOutsideEveryTestWindowIsRefusedAsInSample() throws IOException {
        ObjectNode bad = wf.deepCopy();
        // the training window of the first fold: 2015-01-01 .. 2016-07-01
        ((ObjectNode) bad.get("oos_trades").get(3)).put("open_ms", 1_430_000_000_000L); // 2015-04-25
        assertThatThrownBy(() -> HistoryImport.read(bytes(bad), "bad.json"))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("bad.json oos_trades[3]: opens at 2015-04-25T22:13:20Z, outside every fold's test window: "
                        + "not an out-of-sample trade");
    }

    @Test
    void aVersionTwoFileWithoutOosTradesIsNamed() throws IOException {
        ObjectNode bad = wf.deepCopy();
        bad.set("trades", bad.remove("oos_trades"));
        assertThatThrownBy(() -> HistoryImport.read(bytes(bad), "renamed.json"))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("renamed.json: no \"oos_trades\" array (it has \"trades\": a vprop-walkforward-v2 file must "
                        + "call them oos_trades)");
    }

    @Test
    void aBacktestResultGivesEveryTradeAndSaysInSample() throws IOException {
        ObjectNode bt = JSON.createObjectNode();
        bt.put("kind", "backtest");
        bt.put("currency", "USD");
        bt.put("initial_balance_usd", 50_000);
        bt.set("trades", wf.get("oos_trades").deepCopy());
        assertThat(HistoryImport.detect(bytes(bt), "bt.json")).isEqualTo(HistoryFormat.VPROP_BACKTEST);
        TradeHistory h = HistoryImport.read(bytes(bt), "bt.json");
        assertThat(h.trades()).hasSize(wf.get("oos_trades").size());
        assertThat(h.initialBalance()).isEqualTo(50_000);
        assertThat(h.source()).isEqualTo("bt.json (VProp backtest result: every trade, in sample)");
        // without a kind, a trades array in the research spelling is a backtest too
        bt.remove("kind");
        assertThat(HistoryImport.detect(bytes(bt), "bt.json")).isEqualTo(HistoryFormat.VPROP_BACKTEST);
    }

    @Test
    void badTradesAreNamedByArrayIndexAndField() throws IOException {
        ObjectNode bt = JSON.createObjectNode();
        bt.put("kind", "backtest");
        ArrayNode trades = bt.putArray("trades");
        trades.add(wf.get("oos_trades").get(0).deepCopy());
        trades.add(wf.get("oos_trades").get(1).deepCopy());
        ((ObjectNode) trades.get(1)).putNull("pnl_usd");
        assertThatThrownBy(() -> HistoryImport.read(bytes(bt), "bt.json"))
                .hasMessage("bt.json trades[1], field pnl_usd: null (expected a number)");
        ((ObjectNode) trades.get(1)).put("pnl_usd", 10).put("side", "LONG");
        assertThatThrownBy(() -> HistoryImport.read(bytes(bt), "bt.json"))
                .hasMessage("bt.json trades[1], field side: side must be buy or sell, was 'LONG'");
        ((ObjectNode) trades.get(1)).put("side", "SELL").put("risk_usd", "NaN").put("close_ms", 1);
        assertThatThrownBy(() -> HistoryImport.read(bytes(bt), "bt.json"))
                .hasMessageStartingWith("bt.json trades[1]: close_ms 1 is before open_ms ");
    }

    /**
     * {@code backtest-result.json} is the real output of {@code vprop backtest --strategy demo --data
     * ../shared/data/bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz --server-tz UTC --from 2015-01-01
     * --to 2015-07-01 --out FILE}, its equity series cut to three points: the record's own field names (openMs, pnl).
     */
    @Test
    void vpropBacktestsJsonWithTheRecordsFieldNamesIsReadToo() throws IOException {
        JsonNode bt = JSON.readTree(Files.readAllBytes(path("backtest-result.json")));
        assertThat(HistoryImport.detect(path("backtest-result.json"))).isEqualTo(HistoryFormat.VPROP_BACKTEST);
        TradeHistory h = HistoryImport.read(path("backtest-result.json"));
        JsonNode trades = bt.get("trades");
        assertThat(h.trades()).hasSize(trades.size()).isNotEmpty();
        assertThat(h.initialBalance()).isEqualTo(bt.get("initialBalance").asDouble());
        assertThat(h.currency()).isEqualTo(bt.get("currency").asText());
        double pnl = 0;
        for (JsonNode t : trades) pnl += t.get("pnl").asDouble();
        assertThat(h.trades().stream().mapToDouble(ClosedTrade::net).sum()).isCloseTo(pnl, org.assertj.core.data.Offset.offset(1e-6));
        JsonNode first = trades.get(0);
        ClosedTrade t = h.trades().stream().filter(x -> x.source().endsWith("trades[0]")).findFirst().orElseThrow();
        assertThat(t.openMs()).isEqualTo(first.get("openMs").asLong());
        assertThat(t.closeMs()).isEqualTo(first.get("closeMs").asLong());
        assertThat(t.openPrice()).isEqualTo(first.get("entryPrice").asDouble());
        assertThat(t.riskMoney()).isEqualTo(first.get("riskMoney").asDouble());
        assertThat(t.worstExcursion()).isEqualTo(first.get("worstExcursion").asDouble());
        assertThat(t.profit() + t.commission() + t.swap()).isCloseTo(first.get("pnl").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        // Jackson writes a record's NaN as "NaN": read as not defined where a value may be missing
        ObjectNode nan = (ObjectNode) bt.deepCopy();
        ((ObjectNode) nan.get("trades").get(0)).put("worstExcursion", "NaN");
        assertThat(HistoryImport.read(bytes(nan), "nan.json").trades().stream()
                .filter(x -> x.source().endsWith("trades[0]")).findFirst().orElseThrow().worstExcursion()).isNaN();
        ((ObjectNode) nan.get("trades").get(0)).put("pnl", "NaN");
        assertThatThrownBy(() -> HistoryImport.read(bytes(nan), "nan.json"))
                .hasMessage("nan.json trades[0], field pnl: NaN (expected a number)");
    }

    @Test
    void jsonThatIsNotAResearchResultOrNotJsonAtAllIsNamed() {
        assertThatThrownBy(() -> HistoryImport.read("{\"kind\": \"portfolio\"}".getBytes(), "x.json"))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("x.json: JSON that is not a VProp research result (\"kind\": \"portfolio\"; "
                        + "expected \"kind\": \"walkforward\" or \"backtest\", or a \"trades\" array). Recognised formats:");
        assertThatThrownBy(() -> HistoryImport.read("{\"kind\": \"backtest\",\n \"trades\": [}".getBytes(), "cut.json"))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("cut.json line 2, column 13: not valid JSON (");
    }

    @Test
    void anMt5ReportWithoutAServerZoneIsRefusedNamingTheOption() {
        assertThat(HistoryFormat.MT5_HISTORY_HTML.needsServerZone()).isTrue();
        assertThatThrownBy(() -> HistoryImport.read(path("ReportHistory-51234567.html")))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("ReportHistory-51234567.html: MT5 account history report, HTML writes every time in the "
                        + "broker's server time: state the server's time zone (ImportOptions.serverZone, e.g. Broker/US-DST "
                        + "for most FX brokers)");
    }
}
