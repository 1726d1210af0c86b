package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.market.Tick;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.testing.SharedData;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop backtest}: bad input is refused with exit code 1 and a message; good input writes its result. */
class BacktestCliTest {
    private static final String TICKS = SharedData.file(SharedData.EURUSD_TICKS).toString();
    private static final String H4 = SharedData.file("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz").toString();

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void anMt5ExportWithoutItsServerClockIsRefused() {
        assertThat(VpropCli.execute("backtest", "--data", TICKS)).isEqualTo(1);
        assertThat(console.err()).contains("--server-tz").contains("UTC for the files in shared/data").contains("NY+7");
        assertThat(console.err()).as("the command by name, the file once: in the message naming it")
                .startsWith("vprop backtest: --data ").containsOnlyOnce(java.nio.file.Path.of(TICKS).getFileName().toString());
    }

    @Test
    void badValuesAreNamed() {
        assertThat(VpropCli.execute("backtest", "--data", TICKS, H4, "--server-tz", "UTC")).isEqualTo(1);
        assertThat(console.err()).contains("mixes tick and bar files");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "Mars/Olympus")).isEqualTo(1);
        assertThat(console.err()).contains("unknown server time zone 'Mars/Olympus'");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--bars-mode", "optimistic")).isEqualTo(1);
        assertThat(console.err()).contains("--bars-mode must be ohlc or conservative, got optimistic");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--strategy", "com.example.Nope")).isEqualTo(1);
        assertThat(console.err()).contains("--strategy com.example.Nope").contains("--class-path");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--strategy", "java.lang.String")).isEqualTo(1);
        assertThat(console.err()).contains("does not implement io.vprop.strategy.Strategy");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--from", "2020-02-30")).isEqualTo(1);
        assertThat(console.err()).contains("--from 2020-02-30");
        assertThat(VpropCli.execute("backtest", "--data", dir.resolve("EURUSD_H4.csv").toString(), "--server-tz", "UTC")).isEqualTo(1);
        assertThat(console.err()).contains("no such file");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--profile", "acme-3step")).isEqualTo(1);
        assertThat(console.err()).contains("--profile acme-3step").contains("ftmo-2step");
    }

    @Test
    void aUsersStrategyClassRunsOnTicksAndTheResultIsWrittenAsJson() throws Exception {
        Path json = dir.resolve("result.json");
        assertThat(VpropCli.execute("backtest", "--data", TICKS, "--server-tz", "UTC", "--from", "2014-05-06T07:00",
                "--to", "2014-05-06T08:00", "--strategy", BuyOnce.class.getName(), "--profile", "none", "--out",
                json.toString())).as(console.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(Files.readString(json));
        assertThat(r.path("run").path("strategy").asText()).isEqualTo(BuyOnce.class.getName());
        assertThat(r.path("run").path("server_tz").asText()).isEqualTo("UTC");
        assertThat(r.path("events").asLong()).as("07:00–08:00 on 2014-05-06: 7,144 ticks").isEqualTo(7_144);
        assertThat(r.path("trades")).hasSize(1);
        JsonNode t = r.path("trades").get(0);
        assertThat(t.path("exitReason").asText()).isEqualTo("end_of_data");
        assertThat(t.path("lots").asDouble()).isEqualTo(0.10);
        assertThat(r.path("breaches")).isEmpty();
        assertThat(r.path("counters").path("signals").asLong()).isEqualTo(1);
        String summary = console.out();
        assertThat(summary).contains("backtest summary").contains("7,144 ticks").contains("USD").contains("firm profile      none");
        assertThat(console.err()).as("progress on stderr").contains("rows/s");
    }

    @Test
    void theDemoRunsOnH4BarsWithTheGovernorsAndTheConservativePath() throws Exception {
        Path json = dir.resolve("h4.json");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--from", "2015-01-01", "--to",
                "2016-01-01", "--bars-mode", "conservative", "--out", json.toString())).as(console.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(Files.readString(json));
        assertThat(r.path("run").path("kind").asText()).isEqualTo("bars");
        assertThat(r.path("events").asLong()).as("a year of H4 bars").isBetween(1_500L, 1_650L);
        assertThat(r.path("trades").size()).isPositive();
        assertThat(r.path("equity").size()).isGreaterThan(r.path("trades").size());
        assertThat(console.out()).contains("demo (EMA(8)/EMA(21) crossover on H4)").contains("ftmo-2step")
                .contains("news calendar     none (--calendar FILE to apply the news rules)");
    }

    @Test
    void aFoldersWorthOfFilesIsSummedUpBySymbolsAndTimeframesAndEachFileKeepsItsRowsLine() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("backtest", "--server-tz", "UTC", "--from",
                "2015-01-01", "--to", "2015-02-01", "--profile", "none"));
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String symbol : java.util.List.of("USDJPY", "EURUSD", "EURJPY"))
            for (String tf : java.util.List.of("H4", "D1")) {
                String name = symbol + "_snowguru_" + tf + "_2007-2023.bars.csv.gz";
                names.add(name);
                args.add("--data");
                args.add(SharedData.file("bars/h4_d1/" + name).toString());
            }
        assertThat(VpropCli.execute(args.toArray(new String[0]))).as(console.err()).isEqualTo(0);
        assertThat(console.out()).contains("data              bars of 6 files: 3 symbols (EURJPY, EURUSD, USDJPY) at H4 + D1 (server time UTC)");
        for (String name : names) assertThat(console.out()).containsPattern("rows read +[0-9,]+ rows of " + java.util.regex.Pattern.quote(name));

        String d1 = SharedData.file("bars/h4_d1/EURUSD_snowguru_D1_2007-2023.bars.csv.gz").toString();
        assertThat(VpropCli.execute("backtest", "--data", H4, d1, "--server-tz", "UTC", "--from", "2015-01-01", "--to",
                "2015-02-01", "--profile", "none")).as(console.err()).isEqualTo(0);
        assertThat(console.out()).as("a few files: named").contains(
                "bars of EURUSD_snowguru_H4_2007-2023.bars.csv.gz + EURUSD_snowguru_D1_2007-2023.bars.csv.gz");
    }

    @Test
    void theCalendarsReleasesReachTheGovernorsAndABadCalendarIsNamed() throws Exception {
        // the shared calendar holds 63 high-impact EUR/USD releases in Q1 2021 and one more on 1 April (learnt 24 h ahead)
        String calendar = SharedData.file("calendar/high_impact_events_calendar.csv").toString();
        Path json = dir.resolve("news.json");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--from", "2021-01-01", "--to",
                "2021-04-01", "--calendar", calendar, "--out", json.toString())).as(console.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(Files.readString(json));
        assertThat(r.path("counters").path("news_learnt").asLong()).isBetween(63L, 64L);
        assertThat(console.out()).containsPattern("news calendar +[0-9,]+ releases of the data's currencies, 6[34] told to the governors");

        Path bad = dir.resolve("bad-calendar.csv");
        Files.writeString(bad, "DateTime,Currency,Impact,Event,Actual,Forecast,Previous\n2021-01-05T10:00:00+00:00,EUR,Gigantic Impact,CPI,,,\n");
        assertThat(VpropCli.execute("backtest", "--data", H4, "--server-tz", "UTC", "--from", "2021-01-01", "--to",
                "2021-02-01", "--calendar", bad.toString())).isEqualTo(1);
        assertThat(console.err()).contains("--calendar").contains("bad-calendar.csv").contains("Gigantic Impact");
    }

    @Test
    void theEngineOnH4AndD1BarsTradesBothTimeframesWithTheFittedEdges() throws Exception {
        String d1 = SharedData.file("bars/h4_d1/EURUSD_snowguru_D1_2007-2023.bars.csv.gz").toString();
        assertThat(VpropCli.execute("backtest", "--data", H4, d1, "--server-tz", "UTC", "--strategy", "engine", "--profile",
                "none", "--from", "2022-01-01", "--to", "2022-07-01", "--out", dir.resolve("e.json").toString()))
                .as(console.err()).isEqualTo(0);
        assertThat(console.out()).contains("engine (the signal engine on [H4, D1], fitted edges edges-");
    }

    /** A user's strategy: buys 0.10 lot once, with a 50-point stop, and holds it. */
    public static final class BuyOnce implements Strategy {
        private boolean done;

        @Override
        public void onTick(Tick t, StrategyContext ctx) {
            if (done || ctx.account() == null) return;
            done = ctx.submit(OrderIntent.open(t.symbol(), Side.BUY, 0.10, t.ask(), 0, t.bid() - 0.00500, 0, 0,
                    ctx.nowMs() + 30_000, "buy_once", "", 1, "a test")).sent();
        }
    }
}
