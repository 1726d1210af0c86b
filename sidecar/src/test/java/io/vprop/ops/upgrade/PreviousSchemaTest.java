package io.vprop.ops.upgrade;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreviousSchemaTest {
    @Test
    void undoesAdditiveStatementsAndRefusesOthers() {
        assertThat(PreviousSchema.undo("CREATE TABLE governor_state(account TEXT PRIMARY KEY)")).isEqualTo("DROP TABLE governor_state");
        assertThat(PreviousSchema.undo("CREATE INDEX outbound_unacked ON outbound(peer, acked, seq)")).isEqualTo("DROP INDEX outbound_unacked");
        assertThat(PreviousSchema.undo("ALTER TABLE fills ADD COLUMN magic INTEGER")).isEqualTo("ALTER TABLE fills DROP COLUMN magic");
        assertThatThrownBy(() -> PreviousSchema.undo("UPDATE fills SET magic = 0")).hasMessageContaining("teach");
        assertThat(PreviousSchema.latest()).isPositive();
    }
}
