package io.vprop.kernel;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A cross's tick value moves with the conversion rate all day: the terminal's {@code symbol_update} replaces the
 * session's spec, so the governors value an open EURGBP position (money per price unit = tick value / tick size) and
 * the strategy sees the new spec from then on; an unknown symbol or a bad tick value leaves everything as it was.
 */
class KernelSymbolUpdateTest {
    private static final long NOW = Instant.parse("2024-05-13T10:00:00Z").toEpochMilli();
    private static final double X = 1.25, Y = 1.30;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final InProcessTransport transport = new InProcessTransport("kernel-symbol-update-test");
    private final EventBus events = new EventBus();
    private final AccountGovernors governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step",
            100_000, GovernorStateStore.inMemory());
    private final List<SymbolSpec> seen = new ArrayList<>();
    private StrategyContext ctx;
    private final SidecarKernel kernel;

    KernelSymbolUpdateTest() {
        RiskEngine risk = new RiskEngine(1);
        risk.add(governors);
        Strategy watcher = new Strategy() {
            @Override public void start(StrategyContext c) { ctx = c; }
            @Override public void onTick(Tick tick, StrategyContext c) { }
            @Override public void onSymbolSpec(SymbolSpec spec, StrategyContext c) { seen.add(spec); }
        };
        kernel = new SidecarKernel(SidecarKernel.Config.defaults(), new SidecarKernel.Ports(transport, new InMemoryJournal(), clock::get),
                peer -> watcher, risk, governors, events, new SimpleMeterRegistry());
        kernel.start();
    }

    @AfterEach
    void close() {
        kernel.close();
        events.close();
    }

    private static Payload.Hello hello() {
        Payload.Hello h = FakeTerminal.hello(0);
        List<Payload.SymbolInfo> symbols = new ArrayList<>(h.symbols());
        symbols.add(new Payload.SymbolInfo("EURGBP", 5, 1e-5, 1e-5, X, 100000, 0.01, 0.01, 50, 0, 0, "EUR", "GBP", List.of()));
        return new Payload.Hello(h.terminal(), h.account(), h.server(), h.company(), h.currency(), h.leverage(), h.marginMode(),
                h.serverOffsetS(), h.versions(), h.ackSeq(), h.firmProfile(), symbols);
    }

    /** 1 lot EURGBP bought at 0.85000, stop 0.84800: 0.002 × 100,000 = £200 at risk. */
    private static Payload.Account accountWithEurgbp() {
        return new Payload.Account(100_000, 100_000, 0, 100_000, List.of(new Payload.PositionInfo(7, "EURGBP", "buy", 1.0,
                0.85, 0.848, 0, 0, 0, 0, FakeTerminal.serverTime(NOW - 60_000), "")));
    }

    private FakeTerminal welcomed() {
        FakeTerminal t = new FakeTerminal(transport, FakeTerminal.ID, clock::get);
        t.send(hello());
        kernel.runOnce(0);
        return t;
    }

    private double dailyHeadroom() {
        return governors.headroom(FakeTerminal.ID.toString())[0];
    }

    @Test
    void theNewTickValueIsWhatTheGovernorsAndTheStrategyValueTheSymbolWith() {
        FakeTerminal t = welcomed();
        t.send(accountWithEurgbp());
        kernel.runOnce(0);
        // FTMO 2-Step: 5 % daily loss of 100,000 = 5,000, less the open risk 0.002 / 1e-5 × X = 250
        assertThat(dailyHeadroom()).isCloseTo(5_000 - 250, within(1e-6));

        t.send(new Payload.SymbolUpdate("EURGBP", Y));
        t.send(accountWithEurgbp());
        kernel.runOnce(0);

        assertThat(t.received(Payload.Error.class)).isEmpty();
        assertThat(dailyHeadroom()).as("open risk at Y: 0.002 / 1e-5 × 1.30 = 260").isCloseTo(5_000 - 260, within(1e-6));
        assertThat(ctx.spec("EURGBP").tickValue()).isEqualTo(Y);
        assertThat(ctx.spec("EURGBP").moneyPerPriceMove(0.002, 1.0)).isCloseTo(260, within(1e-9));
        assertThat(seen).extracting(SymbolSpec::tickValue).containsExactly(Y);
        assertThat(ctx.spec("EURUSD").tickValue()).as("other symbols untouched").isEqualTo(1.0);

        t.send(new Payload.SymbolUpdate("EURGBP", Y));       // the same value again: nothing to tell the strategy
        kernel.runOnce(0);
        assertThat(seen).hasSize(1);
    }

    @Test
    void theGovernorsReValueTheOpenPositionAtTheUpdateWithoutWaitingForASnapshot() {
        FakeTerminal t = welcomed();
        t.send(accountWithEurgbp());
        kernel.runOnce(0);
        assertThat(dailyHeadroom()).isCloseTo(5_000 - 250, within(1e-6));

        t.send(new Payload.SymbolUpdate("EURGBP", Y));       // no snapshot after it
        kernel.runOnce(0);
        assertThat(t.received(Payload.Error.class)).isEmpty();
        assertThat(dailyHeadroom()).as("open risk at Y: 0.002 / 1e-5 × 1.30 = 260").isCloseTo(5_000 - 260, within(1e-6));
        governors.publish();
        assertThat(governors.snapshots().get(AccountGovernors.accountOf(FakeTerminal.ID.toString())).openRisk())
                .isCloseTo(260, within(1e-6));
    }

    @Test
    void afterAFillTheGovernorsReValueWithTheSnapshotThatFollowsIt() {
        FakeTerminal t = welcomed();
        t.send(accountWithEurgbp());
        kernel.runOnce(0);
        // half of the EURGBP position closed flat: the last snapshot no longer says what is open
        t.send(new Payload.Fill(9001, 9001, 7, "", "EURGBP", "sell", "out", 0.85, 0.5, 0, 0, 0,
                FakeTerminal.serverTime(NOW), "client"));
        t.send(new Payload.SymbolUpdate("EURGBP", Y));
        kernel.runOnce(0);
        assertThat(t.received(Payload.Error.class)).isEmpty();
        assertThat(dailyHeadroom()).as("the 1 lot of the last snapshot, at X until the next one").isCloseTo(5_000 - 250, within(1e-6));

        t.send(new Payload.Account(100_000, 100_000, 0, 100_000, List.of(new Payload.PositionInfo(7, "EURGBP", "buy", 0.5,
                0.85, 0.848, 0, 0, 0, 0, FakeTerminal.serverTime(NOW - 60_000), ""))));
        kernel.runOnce(0);
        assertThat(dailyHeadroom()).as("0.5 lot at Y: 130").isCloseTo(5_000 - 130, within(1e-6));
    }

    @Test
    void aReHelloStartsAgainFromItsOwnValues() {
        FakeTerminal t = welcomed();
        t.send(new Payload.SymbolUpdate("EURGBP", Y));
        kernel.runOnce(0);
        t.send(hello());
        kernel.runOnce(0);
        assertThat(ctx.spec("EURGBP").tickValue()).isEqualTo(X);
        assertThat(seen.stream().filter(s -> s.symbol().equals("EURGBP")).reduce((a, b) -> b).orElseThrow().tickValue()).isEqualTo(X);
    }

    @Test
    void anUnknownSymbolOrABadTickValueIsAnErrorNamingTheFieldAndChangesNothing() {
        FakeTerminal t = welcomed();
        t.send(accountWithEurgbp());
        kernel.runOnce(0);

        long seq = t.send(new Payload.SymbolUpdate("USDJPY", 0.0067));
        kernel.runOnce(0);
        Payload.Error e = t.received(Payload.Error.class).get(0);
        assertThat(e.code()).isEqualTo("out_of_range");
        assertThat(e.field()).isEqualTo("symbol");
        assertThat(e.message()).contains("USDJPY");
        assertThat(e.refSeq()).isEqualTo(seq);

        t.sendRaw(("{\"v\":1,\"type\":\"symbol_update\",\"seq\":100,\"ts_ms\":" + NOW
                + ",\"symbol\":\"EURGBP\",\"tick_value\":NaN}").getBytes(StandardCharsets.UTF_8));
        t.sendRaw(("{\"v\":1,\"type\":\"symbol_update\",\"seq\":101,\"ts_ms\":" + NOW
                + ",\"symbol\":\"EURGBP\",\"tick_value\":0}").getBytes(StandardCharsets.UTF_8));
        kernel.runOnce(0);
        List<Payload.Error> errors = t.received(Payload.Error.class);
        assertThat(errors).extracting(Payload.Error::code).containsExactly("out_of_range", "non_finite", "out_of_range");
        assertThat(errors).extracting(Payload.Error::field).containsExactly("symbol", "tick_value", "tick_value");

        assertThat(ctx.spec("EURGBP").tickValue()).isEqualTo(X);
        assertThat(ctx.specs()).hasSize(2);
        assertThat(seen).isEmpty();
        t.send(accountWithEurgbp());
        kernel.runOnce(0);
        assertThat(dailyHeadroom()).isCloseTo(5_000 - 250, within(1e-6));
    }
}
