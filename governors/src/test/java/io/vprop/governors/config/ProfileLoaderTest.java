package io.vprop.governors.config;

import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.LimitOutcome;
import io.vprop.governors.profile.MaxLossConfig;
import io.vprop.governors.profile.ProfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileLoaderTest {
    /** A minimal valid profile; tests replace one fragment to break it. */
    static final String BASE = """
            { "id": "t", "dayReset": { "zone": "Europe/Prague", "time": "00:00", "source": "s" },
              "dailyLoss": { "limitPct": 5, "base": "INITIAL", "anchor": "BALANCE", "outcome": "BREACH", "source": "s" },
              "maxLoss": { "limitPct": 10, "mode": "STATIC", "source": "s" },
              "buffers": { "blockEntriesAtPct": 80, "flattenAtPct": 95, "source": "s" } }
            """;

    static List<String> bundled() {
        return ProfileLoader.BUNDLED;
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void everyBundledProfileLoadsAndNamesASourceForEveryRuleBlock(String id) {
        FirmProfile p = ProfileLoader.bundled(id);
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.sources()).containsKeys("dayReset", "maxLoss");
        if (p.dailyLoss() != null) assertThat(p.sources()).containsKey("dailyLoss");
        if (p.news() != null) assertThat(p.sources()).containsKey("news");
        if (p.profitTarget() != null) assertThat(p.sources()).containsKey("profitTarget");
        p.sources().forEach((field, url) -> assertThat(url).as(field).isNotBlank());
        // firm values cite the firm (https), VProp's own safety margins say so
        assertThat(p.sources().get("maxLoss")).startsWith("https://");
        assertThat(p.sources().get("buffers")).isEqualTo("vprop");
    }

    @Test
    void firmSpecificsAreLoadedAsPublished() {
        assertThat(ProfileLoader.bundled("ftmo-1step").maxLoss().mode()).isEqualTo(MaxLossConfig.Mode.TRAILING_EOD_BALANCE);
        assertThat(ProfileLoader.bundled("e8-one").maxLoss().lockAtInitial()).isTrue();
        assertThat(ProfileLoader.bundled("e8-one").size().maxLotsPerTicket("XAUUSD")).isEqualTo(20);
        assertThat(ProfileLoader.bundled("topstep-50k").maxLoss().limit(50_000)).isEqualTo(2_000);
        assertThat(ProfileLoader.bundled("the5ers-high-stakes").dailyLoss().limit(100_000, 102_000)).isEqualTo(5_100);
    }

    /** What touching each limit means, from each firm's text (docs/governors.md, "Outcome per limit"). */
    @ParameterizedTest(name = "{0}: daily {1}, max {2}")
    @CsvSource({
            "ftmo-2step, BREACH, BREACH", "ftmo-1step, BREACH, BREACH", "fundednext-stellar-2step, BREACH, BREACH",
            "the5ers-high-stakes, BREACH, BREACH", "e8-one, BREACH, BREACH", "fundingpips-2step, BREACH, BREACH",
            "topstep-50k, PAUSE_UNTIL_RESET, BREACH"})
    void everyBundledProfileStatesTheOutcomeOfEveryLimitWithItsBasis(String id, LimitOutcome daily, LimitOutcome max) throws IOException {
        FirmProfile p = ProfileLoader.bundled(id);
        assertThat(p.dailyLoss().outcome()).isEqualTo(daily);
        assertThat(p.maxLoss().outcome()).isEqualTo(max);
        // stated in the file, not defaulted, each with where it comes from
        assertThat(p.sources().get("maxLoss.outcome")).isNotEqualTo(ProfileLoader.DEFAULT_MAX_LOSS_OUTCOME).isNotBlank();
        assertThat(p.sources().get("dailyLoss.outcome")).isNotBlank();
        assertThat(ProfileLoader.BUNDLED).hasSize(7);
    }

    @Test
    void aMaxLossOutcomeLeftOutIsTheDocumentedBreachAndTheProfileSaysSo() {
        FirmProfile p = ProfileLoader.json(BASE, "test");
        assertThat(p.maxLoss().outcome()).isEqualTo(LimitOutcome.BREACH);
        assertThat(p.sources()).containsEntry("maxLoss.outcome", ProfileLoader.DEFAULT_MAX_LOSS_OUTCOME);
        FirmProfile paused = ProfileLoader.json(BASE.replace("\"mode\": \"STATIC\",", "\"mode\": \"STATIC\", \"outcome\": \"PAUSE_UNTIL_RESET\","), "test");
        assertThat(paused.maxLoss().outcome()).isEqualTo(LimitOutcome.PAUSE_UNTIL_RESET);
        assertThat(paused.sources()).doesNotContainKey("maxLoss.outcome");
    }

    @Test
    void limitsAndTargetsAreExactCentsRoundedTheConservativeWay() {
        // 3 % of 87,654.32 = 2,629.6296: the limit rounds down (the floor up)
        assertThat(ProfileLoader.bundled("ftmo-1step").dailyLoss().limitCents(8_765_432, 8_765_432)).isEqualTo(262_962);
        // 10 % of 76,543.21 = 7,654.321 -> 7,654.32
        assertThat(ProfileLoader.bundled("ftmo-1step").maxLoss().limitCents(7_654_321)).isEqualTo(765_432);
        // 8 % of 12,345.67 = 987.6536: the target rounds up
        assertThat(ProfileLoader.bundled("fundednext-stellar-2step").profitTarget().targetCents(1_234_567)).isEqualTo(98_766);
        assertThat(ProfileLoader.bundled("topstep-50k").dailyLoss().limitCents(5_000_000, 5_012_345)).isEqualTo(100_000);
    }

    @Test
    void unknownBundledIdListsTheKnownOnes() {
        assertThatThrownBy(() -> ProfileLoader.bundled("ftmo-3step"))
                .hasMessageContaining("ftmo-3step").hasMessageContaining("ftmo-2step");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing value        | \"limitPct\": 5,                 | ''                                  | dailyLoss.limitPct: missing value",
            "percentage above 100 | \"limitPct\": 10,                | \"limitPct\": 120,                   | maxLoss.limitPct: percentage 120.0 is above 100",
            "negative percentage  | \"limitPct\": 5,                 | \"limitPct\": -5,                    | dailyLoss.limitPct: percentage must not be negative",
            "unknown time zone    | \"Europe/Prague\"                | \"Europe/Praha\"                     | dayReset.zone: unknown time zone 'Europe/Praha'",
            "buffers reversed     | \"blockEntriesAtPct\": 80        | \"blockEntriesAtPct\": 97            | buffers.blockEntriesAtPct: 97.0 is above buffers.flattenAtPct",
            "daily above max      | \"limitPct\": 5,                 | \"limitPct\": 12,                    | dailyLoss.limitPct: 12.0 is above maxLoss.limitPct",
            "lock on static floor | \"mode\": \"STATIC\",             | \"mode\": \"STATIC\", \"lockAtInitial\": true, | maxLoss.lockAtInitial: contradicts maxLoss.mode STATIC",
            "both pct and amount  | \"limitPct\": 10,                | \"limitPct\": 10, \"limitAmount\": 5000, | maxLoss.limitAmount: contradicts maxLoss.limitPct",
            "unknown enum         | \"BALANCE\"                      | \"BALANCES\"                         | dailyLoss.anchor: unknown value 'BALANCES'",
            "misspelt key         | \"outcome\"                      | \"outcom\"                           | dailyLoss.outcome: missing value",
            "bad wall time        | \"00:00\"                        | \"24:00\"                            | dayReset.time: must be a wall time HH:mm",
            "string not number    | \"limitPct\": 10,                | \"limitPct\": \"10\",                 | maxLoss.limitPct: must be a number",
            "pct finer than 1e-6  | \"limitPct\": 5,                 | \"limitPct\": 5.0000001,           | dailyLoss.limitPct: 5.0000001 has more than 6 decimals",
            "amount below a cent  | \"limitPct\": 10,                | \"limitAmount\": 10000.005,        | maxLoss.limitAmount: 10000.005 is not a whole number of cents",
            "buffer finer 1e-6    | \"flattenAtPct\": 95             | \"flattenAtPct\": 95.00000001      | buffers.flattenAtPct: 95.00000001 has more than 6 decimals",
            "unknown max outcome  | \"mode\": \"STATIC\",             | \"mode\": \"STATIC\", \"outcome\": \"HALT\", | maxLoss.outcome: unknown value 'HALT'",
    })
    void badProfilesAreRejectedNamingTheField(String why, String from, String to, String message) {
        String broken = BASE.replaceFirst(Pattern.quote(from.trim()), Matcher.quoteReplacement(to.trim()));
        assertThat(broken).as("fixture edit for " + why).isNotEqualTo(BASE);
        assertThatThrownBy(() -> ProfileLoader.json(broken, "test.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("test.json");
    }

    @Test
    void unknownFieldsAreRejectedSoATypoCannotSilentlyDisableARule() {
        String typo = BASE.replace("\"buffers\"", "\"buffer\"");
        assertThatThrownBy(() -> ProfileLoader.json(typo, "typo.json")).hasMessageContaining("buffer: unknown field");
    }

    @Test
    void aKeyGivenTwiceIsRejectedNamingItAndWhere() {
        // Jackson's default keeps the last value; the EA's reader refuses the file: both must refuse it
        String twice = BASE.replace("\"limitPct\": 10,", "\"limitPct\": 10, \"limitPct\": 50,");
        assertThatThrownBy(() -> ProfileLoader.json(twice, "twice.json"))
                .hasMessageContaining("twice.json").hasMessageContaining("line").hasMessageContaining("limitPct");
    }

    @Test
    void everyRuleBlockNeedsASource() {
        String noSource = BASE.replace("\"mode\": \"STATIC\", \"source\": \"s\"", "\"mode\": \"STATIC\"");
        assertThatThrownBy(() -> ProfileLoader.json(noSource, "x.json")).hasMessageContaining("maxLoss.source: missing value");
    }

    @Test
    void nanCannotEnterThroughJson() {
        String nan = BASE.replace("\"limitPct\": 10,", "\"limitPct\": NaN,");
        assertThatThrownBy(() -> ProfileLoader.json(nan, "nan.json")).hasMessageContaining("not valid JSON");
    }

    @Test
    void customProfileLoadsFromAFileAndMissingFilesAreNamed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("mine.json");
        Files.writeString(f, BASE);
        assertThat(ProfileLoader.file(f).id()).isEqualTo("t");
        assertThatThrownBy(() -> ProfileLoader.file(tmp.resolve("absent.json")))
                .hasMessageContaining("profile file not found").hasMessageContaining("absent.json");
    }

    @Test
    void profileExceptionCarriesTheFieldPath() {
        String bad = BASE.replace("\"limitPct\": 10,", "\"limitPct\": 101,");
        assertThatThrownBy(() -> ProfileLoader.json(bad, "f.json"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.field()).isEqualTo("maxLoss.limitPct"));
    }
}
