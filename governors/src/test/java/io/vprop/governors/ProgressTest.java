package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GovernorEngine#progress()}: the objectives a simulation asks about, the same numbers as the snapshot. */
class ProgressTest {
    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** A position opened and closed on {@code date} (Prague day) for {@code net}, then the account. */
    private static void trade(GovernorEngine e, String date, double net, double balanceAfter) {
        long open = t(date + "T09:00:00Z"), close = t(date + "T10:00:00Z");
        e.evaluate(Events.fill(open, "EURUSD", Side.BUY, 1, 1.1, true, 0, open));
        e.evaluate(Events.fill(close, "EURUSD", Side.SELL, 1, 1.1, false, net, open));
        e.evaluate(new AccountSnapshot(close, balanceAfter, balanceAfter));
    }

    @Test
    void ftmoTargetOnDayTwoWaitsForFourTradingDays() {
        GovernorEngine e = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), 100_000, "USD");
        trade(e, "2024-05-13", 6_000, 106_000);
        Progress p = e.progress();
        assertThat(p.targetReached()).isFalse();
        assertThat(p.objectivesMet()).isFalse();
        trade(e, "2024-05-14", 5_000, 111_000);
        p = e.progress();
        assertThat(p.profitTarget()).isEqualTo(10_000);
        assertThat(p.countedProfit()).isEqualTo(11_000);
        assertThat(p.tradingDays()).isEqualTo(2);
        assertThat(p.minTradingDays()).isEqualTo(4);
        assertThat(p.targetReached()).isTrue();
        assertThat(p.onlyTradingDaysMissing()).isTrue();
        assertThat(p.objectivesMet()).isFalse();
        assertThat(p.targetLocked()).isTrue();
        trade(e, "2024-05-15", 0, 111_000);
        trade(e, "2024-05-16", 0, 111_000);
        p = e.progress();
        assertThat(p.tradingDays()).isEqualTo(4);
        assertThat(p.objectivesMet()).isTrue();
        StateSnapshot s = e.snapshot();
        assertThat(s.tradingDays()).isEqualTo(p.tradingDays());
        assertThat(s.countedProfit()).isEqualTo(p.countedProfit());
        assertThat(s.profitTarget()).isEqualTo(p.profitTarget());
    }

    @Test
    void bestDayRuleKeepsObjectivesOpenUntilTheBestDayIsWithinTheLimit() {
        FirmProfile f = ProfileLoader.bundled("ftmo-1step");
        GovernorEngine e = GovernorEngine.start(f, 100_000, "USD");
        trade(e, "2024-05-13", 6_000, 106_000);
        trade(e, "2024-05-14", 4_000, 110_000);
        Progress p = e.progress();
        assertThat(p.targetReached()).isTrue();
        assertThat(p.profitStillNeeded()).isEqualTo(2_000);
        assertThat(p.objectivesMet()).isFalse();
        assertThat(p.onlyTradingDaysMissing()).as("the best day, not the days, is missing").isFalse();
        trade(e, "2024-05-15", 2_000, 112_000);
        assertThat(e.progress().objectivesMet()).isTrue();
    }

    @Test
    void noTargetMeansNoObjectivesAndAHaltEndsThem() {
        GovernorEngine e = GovernorEngine.start(ProfileLoader.bundled("e8-one"), 100_000, "USD");
        trade(e, "2024-05-13", 20_000, 120_000);
        assertThat(e.progress().profitTarget()).isZero();
        assertThat(e.progress().objectivesMet()).isFalse();
        GovernorEngine f = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), 100_000, "USD");
        trade(f, "2024-05-13", 11_000, 111_000);
        f.evaluate(new AccountSnapshot(t("2024-05-14T09:00:00Z"), 111_000, 80_000));
        assertThat(f.progress().halted()).isTrue();
        assertThat(f.progress().targetReached()).isTrue();
        assertThat(f.progress().objectivesMet()).isFalse();
    }
}
