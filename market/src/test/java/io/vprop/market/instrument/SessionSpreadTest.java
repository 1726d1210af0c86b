package io.vprop.market.instrument;

import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SessionSpreadTest {

    static long at(String utc) { return Instant.parse(utc).toEpochMilli(); }

    @Test
    void sessionsFollowFixedUtcHours() {
        assertThat(Session.at(at("2024-03-05T00:00:00Z"))).isEqualTo(Session.ASIA);
        assertThat(Session.at(at("2024-03-05T06:59:59.999Z"))).isEqualTo(Session.ASIA);
        assertThat(Session.at(at("2024-03-05T07:00:00Z"))).isEqualTo(Session.LONDON);
        assertThat(Session.at(at("2024-03-05T12:00:00Z"))).isEqualTo(Session.OVERLAP);
        assertThat(Session.at(at("2024-03-05T16:00:00Z"))).isEqualTo(Session.NEW_YORK);
        assertThat(Session.at(at("2024-03-05T21:00:00Z"))).isEqualTo(Session.OFF_HOURS);
        assertThat(Session.at(at("1969-12-31T23:30:00Z"))).isEqualTo(Session.OFF_HOURS); // negative epoch ms
        SpreadModel m = new SpreadModel(3, 2, 1, 4, 9);
        assertThat(m.pointsAt(at("2024-03-05T13:00:00Z"))).isEqualTo(1);
        assertThat(m.pointsAt(at("2024-03-05T21:30:00Z"))).isEqualTo(9);
    }

    /** The built-in EURUSD and AUDUSD spreads are the medians of the shared 2020 ECN tick files (docs/instruments.md). */
    @Test
    void builtInEcnSpreadsAreTheMediansMeasuredOnTheEcnTickFiles() {
        assertThat(survey(SharedData.EURUSD_HIST_TICKS).medians()).isEqualTo(InstrumentTable.builtIn().get("EURUSD").spread().bySession());
        assertThat(survey(SharedData.AUDUSD_TICKS).medians()).isEqualTo(InstrumentTable.builtIn().get("AUDUSD").spread().bySession());
    }

    /** The OANDA 2014 retail feed is several times wider than the ECN defaults in every session. */
    @Test
    void theRetailOandaFeedIsWiderThanTheEcnDefaults() {
        SpreadSurvey.Result eur = survey(SharedData.EURUSD_TICKS), nzd = survey(SharedData.NZDUSD_TICKS);
        SpreadModel eurDefault = InstrumentTable.builtIn().get("EURUSD").spread(), nzdDefault = InstrumentTable.builtIn().get("NZDUSD").spread();
        for (Session s : Session.values()) {
            assertThat(eur.medians().get(s)).as("EURUSD " + s).isGreaterThanOrEqualTo(3 * eurDefault.points(s));
            assertThat(nzd.medians().get(s)).as("NZDUSD " + s).isGreaterThanOrEqualTo(2 * nzdDefault.points(s));
        }
        assertThat(eur.medians()).containsEntry(Session.LONDON, 11).containsEntry(Session.OFF_HOURS, 17);
        assertThat(eur.ticks().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(532_903);
    }

    static SpreadSurvey.Result survey(String file) {
        try (Mt5TickReader r = MarketFiles.openTicks(SharedData.file(file), null)) {
            return SpreadSurvey.of(r, 0.00001);
        }
    }
}
