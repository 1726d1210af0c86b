package io.vprop.research.walkforward;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoldPlanTest {
    static long ms(String date) {
        return FoldPlan.ms(LocalDate.parse(date));
    }

    @Test
    void rollingFoldsSlideByTheTestLengthAndOnlyWholeTestWindowsAreMade() {
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2010-01-01"), LocalDate.parse("2015-06-30"),
                FoldPlan.parsePeriod("2y"), FoldPlan.parsePeriod("1y"), Duration.ofDays(5));
        List<Fold> folds = plan.folds();
        assertThat(folds).hasSize(3); // tests 2012, 2013, 2014; 2015 is not whole by 2015-06-30
        assertThat(folds.get(0)).isEqualTo(new Fold(0, ms("2010-01-01"), ms("2012-01-01"), ms("2013-01-01"), 5 * 86_400_000L));
        assertThat(folds.get(2).trainFromMs()).isEqualTo(ms("2012-01-01"));
        assertThat(folds.get(2).testToMs()).isEqualTo(ms("2015-01-01"));
        for (int i = 1; i < folds.size(); i++) {
            assertThat(folds.get(i).testFromMs()).isEqualTo(folds.get(i - 1).testToMs());
        }
        assertThat(plan.testedTo()).isEqualTo(LocalDate.parse("2015-01-01"));
    }

    @Test
    void anchoredTrainingWindowsAllStartAtTheBeginning() {
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ANCHORED, LocalDate.parse("2010-01-01"), LocalDate.parse("2013-01-01"),
                FoldPlan.parsePeriod("12m"), FoldPlan.parsePeriod("6m"), Duration.ZERO);
        assertThat(plan.folds()).hasSize(4).allSatisfy(f -> assertThat(f.trainFromMs()).isEqualTo(ms("2010-01-01")));
        assertThat(plan.folds().get(3).testFromMs()).isEqualTo(ms("2012-07-01"));
    }

    @Test
    void tooShortAHistoryIsAnError() {
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2010-01-01"), LocalDate.parse("2011-01-01"),
                FoldPlan.parsePeriod("1y"), FoldPlan.parsePeriod("1m"), Duration.ZERO);
        assertThatThrownBy(plan::folds).hasMessageContaining("no fold fits");
        assertThatThrownBy(() -> FoldPlan.parsePeriod("4x")).hasMessageContaining("4x");
    }
}
