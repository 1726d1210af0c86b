package io.vprop.architecture;

import java.util.Arrays;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture of docs/architecture.md as rules: which module may use which, the domain free of I/O libraries,
 * no package cycles. A module is a set of packages here (the Maven modules hold exactly these packages).
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    // Modules by their packages. "io.vprop.paper" alone is the paper terminal; io.vprop.paper.broker the broker.
    static final String[] MARKET = {"io.vprop.market..", "io.vprop.trade.."};
    static final String[] GOVERNORS = {"io.vprop.governors.."};
    static final String[] MEMORY = {"io.vprop.memory.."};
    static final String[] PROTOCOL = {"io.vprop.protocol..", "io.vprop.transport.."};
    static final String[] ENGINE = {"io.vprop.signal..", "io.vprop.strategy..", "io.vprop.risk.."};
    static final String[] PAPER = {"io.vprop.paper.broker.."};
    static final String[] RESEARCH = {"io.vprop.research.."};
    static final String[] CHALLENGE = {"io.vprop.challenge.."};
    static final String[] JOURNAL = {"io.vprop.journal.."};
    static final String[] MODELS = {"io.vprop.models.."};
    static final String[] KERNEL = {"io.vprop.kernel.."};
    static final String[] PAPER_TERMINAL = {"io.vprop.paper"};
    static final String[] API = {"io.vprop.http..", "io.vprop.analytics.."};
    static final String[] SIDECAR = {"io.vprop.app..", "io.vprop.cli..", "io.vprop.config..", "io.vprop.ops.."};

    /** The libraries that do I/O: none of them may appear in a domain module. */
    static final String[] IO_LIBRARIES = {"org.zeromq..", "zmq..", "io.javalin..", "org.eclipse.jetty..", "java.sql..",
            "javax.sql..", "org.sqlite..", "redis.clients..", "ai.onnxruntime..", "org.bytedeco..", "java.net.."};

    /** The module arrows: each module may use only the modules listed for it (and the JDK and its libraries). */
    static final ArchRule MODULE_ARROWS = Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("market").definedBy(MARKET)
            .layer("governors").definedBy(GOVERNORS)
            .layer("memory").definedBy(MEMORY)
            .layer("protocol").definedBy(PROTOCOL)
            .layer("engine").definedBy(ENGINE)
            .layer("paper").definedBy(PAPER)
            .layer("research").definedBy(RESEARCH)
            .layer("challenge").definedBy(CHALLENGE)
            .layer("journal").definedBy(JOURNAL)
            .layer("models").definedBy(MODELS)
            .layer("kernel").definedBy(KERNEL)
            .layer("paper-terminal").definedBy(PAPER_TERMINAL)
            .layer("api").definedBy(API)
            .layer("sidecar").definedBy(SIDECAR)
            .whereLayer("market").mayNotAccessAnyLayer()
            .whereLayer("governors").mayOnlyAccessLayers("market")
            .whereLayer("memory").mayOnlyAccessLayers("market")
            .whereLayer("protocol").mayOnlyAccessLayers("market")
            .whereLayer("engine").mayOnlyAccessLayers("market", "governors")
            .whereLayer("paper").mayOnlyAccessLayers("market")
            .whereLayer("research").mayOnlyAccessLayers("market", "governors", "engine", "paper")
            .whereLayer("challenge").mayOnlyAccessLayers("market", "governors")
            .whereLayer("journal").mayOnlyAccessLayers("market", "protocol")
            .whereLayer("models").mayOnlyAccessLayers("market", "engine")
            .whereLayer("kernel").mayOnlyAccessLayers("market", "governors", "memory", "protocol", "engine", "journal",
                    "models")
            .whereLayer("paper-terminal").mayOnlyAccessLayers("market", "governors", "protocol", "paper", "journal")
            .whereLayer("api").mayOnlyAccessLayers("market", "governors", "memory", "protocol", "engine", "journal",
                    "models", "kernel", "challenge")
            .because("docs/architecture.md draws these arrows; a research module must be able to take market, engine, "
                    + "paper and governors without ZeroMQ, Javalin or SQLite");

    /** Domain modules are plain Java: a backtest runs them without sockets, databases or native libraries. */
    static final ArchRule DOMAIN_FREE_OF_IO = noClasses()
            .that().resideInAnyPackage(concat(MARKET, GOVERNORS, ENGINE, PAPER, RESEARCH, CHALLENGE))
            .should().dependOnClassesThat().resideInAnyPackage(IO_LIBRARIES)
            .because("market, engine, governors and paper are the domain: no I/O library (ZeroMQ, Javalin, SQLite, "
                    + "Jedis, ONNX Runtime, JavaCPP, sockets)");

    /** Strings and wire records stay at the protocol edge: strategies, risk and the engine speak io.vprop.trade. */
    static final ArchRule NO_WIRE_TYPES_IN_THE_DOMAIN = noClasses()
            .that().resideInAnyPackage(concat(ENGINE, GOVERNORS))
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL)
            .because("strategies, risk, governors and the engine receive domain events, not protocol payloads");

    /** Only the transport package talks ZeroMQ. */
    static final ArchRule ZEROMQ_ONLY_IN_TRANSPORT = noClasses()
            .that().resideOutsideOfPackage("io.vprop.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("org.zeromq..", "zmq..")
            .because("the kernel and the paper terminal get their transport through a port");

    /** SQL belongs to the stores: the journal's tables to the journal, trade memory's own tables to memory. */
    static final ArchRule SQL_ONLY_IN_STORES = noClasses()
            .that().resideOutsideOfPackages("io.vprop.journal..", "io.vprop.memory.longterm..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
            .because("the journal module owns all SQL on its tables; analytics and ops read through it");

    /** Every package is its own slice: no two packages may depend on each other, directly or round a longer loop. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.vprop.(**)").should().beFreeOfCycles();

    static String[] concat(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
