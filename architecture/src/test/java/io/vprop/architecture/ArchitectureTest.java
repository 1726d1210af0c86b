package io.vprop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules over the production classes of every module (test classes excluded: a test may wire
 * whatever it needs). A failure names each offending dependency with its source line.
 */
class ArchitectureTest {
    private static JavaClasses production;

    /**
     * The modules of this build: their {@code target/classes} ({@code mvn test}, where the reactor hands over class
     * directories) or their jars in {@code target/} ({@code mvn verify}, where it hands over the packaged jars). No
     * other archive: a vprop jar installed in the local repository may be stale.
     */
    private static final ImportOption THIS_BUILD = location -> !location.isArchive() || location.contains("/target/vprop-");

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(THIS_BUILD)
                .importPackages("io.vprop");
        // every module's classes (or jar) are on the test class path: make sure they were all read
        for (String pkg : new String[]{"io.vprop.market", "io.vprop.trade", "io.vprop.governors", "io.vprop.memory",
                "io.vprop.protocol", "io.vprop.signal", "io.vprop.paper.broker", "io.vprop.journal", "io.vprop.models",
                "io.vprop.kernel", "io.vprop.paper", "io.vprop.http", "io.vprop.app"}) {
            assertThat(production.containPackage(pkg)).as("classes of %s imported", pkg).isTrue();
        }
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        ArchitectureRules.MODULE_ARROWS.check(production);
    }

    @Test
    void theDomainImportsNoIoLibrary() {
        ArchitectureRules.DOMAIN_FREE_OF_IO.check(production);
    }

    @Test
    void strategiesRiskAndTheEngineSeeNoProtocolTypes() {
        ArchitectureRules.NO_WIRE_TYPES_IN_THE_DOMAIN.check(production);
    }

    @Test
    void onlyTheTransportTalksZeroMq() {
        ArchitectureRules.ZEROMQ_ONLY_IN_TRANSPORT.check(production);
    }

    @Test
    void onlyTheStoresRunSql() {
        ArchitectureRules.SQL_ONLY_IN_STORES.check(production);
    }

    @Test
    void noPackageDependsOnItselfRoundALoop() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(production);
    }
}
