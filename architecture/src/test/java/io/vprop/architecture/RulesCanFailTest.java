package io.vprop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.vprop.architecture.fixture.a.A;
import io.vprop.architecture.fixture.b.B;
import io.vprop.market.violation.ReachesUp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule fails, naming the culprit, on fixture classes that break it: the rules are not vacuous. */
class RulesCanFailTest {
    @Test
    void aPackageCycleFails() {
        JavaClasses cycle = new ClassFileImporter().importClasses(A.class, B.class);
        assertThatThrownBy(() -> ArchitectureRules.NO_PACKAGE_CYCLES.check(cycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.a").hasMessageContaining("fixture.b");
    }

    @Test
    void aDomainClassUsingTheKernelOrJdbcFails() {
        JavaClasses domain = new ClassFileImporter().importClasses(ReachesUp.class);
        assertThatThrownBy(() -> ArchitectureRules.MODULE_ARROWS.check(domain))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesUp").hasMessageContaining("io.vprop.kernel.SidecarKernel");
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_FREE_OF_IO.check(domain))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.sql.Connection");
        assertThatThrownBy(() -> ArchitectureRules.SQL_ONLY_IN_STORES.check(domain))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesUp");
    }
}
