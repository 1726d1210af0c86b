package io.vprop.ops.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {
    @Test
    void burstThenRefillAtTheRateAndCountsWhatWasHeldBack() {
        TokenBucket b = new TokenBucket(2, 6);                   // 2 at once, then one per 10 s
        assertThat(b.acquire("k", 0)).isZero();
        assertThat(b.acquire("k", 0)).isZero();
        assertThat(b.acquire("k", 0)).isEqualTo(-1);
        assertThat(b.acquire("k", 9_999)).isEqualTo(-1);         // not a whole token yet
        assertThat(b.acquire("other", 9_999)).isZero();          // keys are independent
        assertThat(b.acquire("k", 10_000)).isEqualTo(2);         // passes, saying 2 were suppressed
        assertThat(b.acquire("k", 10_000)).isEqualTo(-1);
        assertThat(b.acquire("k", 3_600_000)).isEqualTo(1);      // a long quiet refills to the burst, not beyond
        assertThat(b.acquire("k", 3_600_000)).isZero();
        assertThat(b.acquire("k", 3_600_000)).isEqualTo(-1);
    }

    @Test
    void aClockGoingBackwardsGivesNoTokens() {
        TokenBucket b = new TokenBucket(1, 60);
        assertThat(b.acquire("k", 100_000)).isZero();
        assertThat(b.acquire("k", 50_000)).isEqualTo(-1);
    }

    @Test
    void badLimitsAreNamed() {
        assertThatThrownBy(() -> new TokenBucket(0, 6)).hasMessageContaining("notify.burst: 0");
        assertThatThrownBy(() -> new TokenBucket(3, 0)).hasMessageContaining("notify.rate.per.minute: 0");
    }
}
