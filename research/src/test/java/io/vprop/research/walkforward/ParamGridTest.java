package io.vprop.research.walkforward;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamGridTest {
    @Test
    void cartesianProductInSpecOrderFirstParameterSlowest() {
        ParamGrid g = ParamGrid.parse("fast=5..50:5,slow=20,50,100");
        assertThat(g.size()).isEqualTo(30);
        assertThat(g.points().get(0).key()).isEqualTo("fast=5,slow=20");
        assertThat(g.points().get(1).key()).isEqualTo("fast=5,slow=50");
        assertThat(g.points().get(3).key()).isEqualTo("fast=10,slow=20");
        assertThat(g.points().get(29).key()).isEqualTo("fast=50,slow=100");
        assertThat(g.points()).extracting(ParamSet::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 30).boxed().toList());
        assertThat(g.points().get(7).getInt("fast")).isEqualTo(15);
    }

    @Test
    void decimalRangesAreExactAndStepDefaultsToOne() {
        assertThat(ParamGrid.parse("stop_atr=0.1..0.5:0.1").points()).extracting(p -> p.get("stop_atr"))
                .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(ParamGrid.parse("n=3..6").size()).isEqualTo(4);
        assertThat(ParamGrid.parse("a=1.5").points().get(0).key()).isEqualTo("a=1.5");
    }

    @Test
    void noneIsOnePointWithoutParameters() {
        ParamGrid g = ParamGrid.parse(" None ");
        assertThat(g.size()).isEqualTo(1);
        assertThat(g.spec()).isEqualTo("none");
        assertThat(g.points().get(0).values()).isEmpty();
        assertThat(g.points().get(0).key()).isEqualTo("defaults");
    }

    @Test
    void badSpecsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ParamGrid.parse("fast=5..x")).hasMessageContaining("fast").hasMessageContaining("5..x");
        assertThatThrownBy(() -> ParamGrid.parse("5,6")).hasMessageContaining("must start with name=values");
        assertThatThrownBy(() -> ParamGrid.parse("a=1,a=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ParamGrid.parse("a=5..1")).hasMessageContaining("below its start");
        assertThatThrownBy(() -> ParamGrid.parse("a=1..2:0")).hasMessageContaining("step must be positive");
        assertThatThrownBy(() -> ParamGrid.parse("a=1.5").points().get(0).getInt("a")).hasMessageContaining("whole number");
    }
}
