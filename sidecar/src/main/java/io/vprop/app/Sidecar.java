package io.vprop.app;

import io.vprop.analytics.MemoryApi;
import io.vprop.http.ModelsApi;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.live.ModelService;
import io.vprop.ops.log.LogSetup;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.analytics.AnalyticsApi;
import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import io.vprop.challenge.risk.RiskDefaults;
import io.vprop.challenge.risk.RiskPerTrade;
import io.vprop.http.ApiServer;
import io.vprop.http.HttpAccess;
import io.vprop.http.challenge.ChallengeApi;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.KernelStatus;
import io.vprop.kernel.NewsFeed;
import io.vprop.kernel.SidecarKernel;
import io.vprop.strategy.Strategy;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.RiskEngine;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.SignalConfig;
import io.vprop.strategy.DemoStrategy;
import io.vprop.kernel.learning.EntryFeatures;
import io.vprop.kernel.learning.MemoryAndModels;
import io.vprop.kernel.store.JournalGovernorStates;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.memory.facade.MemoryConfig;
import io.vprop.memory.facade.TradeMemory;
import io.vprop.transport.Transports;
import io.vprop.ops.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Assembles a running sidecar from a configuration: journal, kernel thread, risk engine, strategy, HTTP API.
 * Starting after a crash is the same call as a first start (the kernel recovers from the journal).
 */
public final class Sidecar implements AutoCloseable {
    private final Journal journal;
    private final JournalReader journalReader;
    private final EventBus events;
    private final SidecarKernel kernel;
    private final ApiServer api;
    private final Thread kernelThread;
    private Notifier notifier; // null when no notification channel is configured

    private final List<AutoCloseable> closeables;

    private Sidecar(Journal journal, JournalReader journalReader, EventBus events, SidecarKernel kernel, ApiServer api,
                    Thread kernelThread, List<AutoCloseable> closeables) {
        this.closeables = closeables;
        this.journal = journal;
        this.journalReader = journalReader;
        this.events = events;
        this.kernel = kernel;
        this.api = api;
        this.kernelThread = kernelThread;
    }

    /**
     * Starts everything; {@code withHttp=false} for headless replays and benchmarks. The first hello's path comes
     * first — journal, governors, ROUTER, kernel thread — and the slow parts (models, HTTP panel, notifications) after
     * it, so a sidecar restarted after a crash welcomes its EAs as early as it can (docs/runbook.md).
     */
    public static Sidecar start(VpropConfig cfg, boolean withHttp) {
        Path dir = cfg.dataDir();
        NewsFeed newsFeed; // a bad calendar fails before anything opens
        try {
            newsFeed = NewsFeed.load(cfg.get("calendar.file"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        // risk per trade: risk.per.trade.pct, else the challenge lab's choice for the firm, else built in (a bad lab
        // file fails here, before anything opens)
        RiskPerTrade riskPerTrade = riskPerTrade(cfg);
        Journal journal = new Journal(dir.resolve("sidecar.db"), cfg.getBool("journal.durable"));
        EventBus events = new EventBus();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        long ttl = cfg.getInt("signal.ttl.ms");
        List<AutoCloseable> closeables = new ArrayList<>();
        // The models are loaded after the kernel listens (issue 18 item 4: a restarted sidecar must welcome its EAs
        // within seconds). Only the engine's strategies need them, when their first terminal says hello.
        CompletableFuture<ModelService> modelsReady = new CompletableFuture<>();
        // trade memory: only the signal engine records into it (unless engine.memory=recent, the backtester's ring);
        // /api/memory is served when it is open
        TradeMemory mem = cfg.get("strategy").equals("engine") && cfg.get("engine.memory").equals("vector") ? memory(cfg) : null;
        if (mem != null) closeables.add(mem);
        Function<String, Strategy> strategies = switch (cfg.get("strategy")) {
            case "demo" -> {
                io.vprop.market.Timeframe demoBars = io.vprop.market.Timeframe.valueOf(cfg.get("demo.timeframe"));
                yield peer -> new DemoStrategy(ttl, riskPerTrade.pct() / 100, demoBars);
            }
            case "engine" -> {
                SignalConfig engineConfig = engineConfig(cfg);
                yield peer -> new SignalEngineStrategy(engineConfig, EventSource.NONE, new MemoryAndModels(mem, modelsReady.join()));
            }
            default -> peer -> Strategy.NONE;
        };
        RiskEngine risk = new RiskEngine(cfg.getInt("risk.max.positions.per.symbol"))
                .maxQuoteAge((long) cfg.getDouble("risk.max.quote.age.ms"));
        FirmProfile profile = profile(cfg.get("firm.profile"));
        // one firm-day clock: the governors reset on it, the API, analytics and the daily digest count days on it
        FirmDayClock firmDay = profile.dayClock();
        AccountGovernors governors = new AccountGovernors(profile, cfg.get("firm.profile"),
                cfg.getDouble("firm.initial.balance"), new JournalGovernorStates(journal));
        risk.add(governors);
        int kernelCpu = cfg.getInt("kernel.cpu");
        SidecarKernel.Config kc = new SidecarKernel.Config(cfg.getInt("heartbeat.ms"), cfg.getInt("stale.ms"),
                cfg.get("firm.profile"), Version.VERSION, ttl, (long) cfg.getDouble("feed.max.ahead.ms"));
        SidecarKernel kernel;
        try {
            SidecarKernel.Ports ports = new SidecarKernel.Ports(Transports.router(cfg.get("zmq.impl"), cfg.get("zmq.endpoint"), kernelCpu), journal,
                    System::currentTimeMillis);
            kernel = new SidecarKernel(kc, ports, strategies, risk, governors, events, metrics);
        } catch (RuntimeException e) {
            closeAll(closeables);
            events.close();
            journal.close();
            throw e;
        }
        // Terminals were connected before (a restart, after a crash or not): they will be back within seconds.
        boolean terminalsExpected = !journal.peers().isEmpty(); // read before the kernel thread owns the journal
        JournalReader journalReader = journal.reader(); // for the HTTP threads and the CLI's summaries
        kernel.newsFeed(newsFeed);
        kernel.decisionRetention(cfg.getInt("journal.decisions.retention.days") * 86_400_000L);
        Thread t = new Thread(kernelCpu < 0 ? kernel : () -> {
            try {                                                     // beside the ROUTER's I/O thread
                Transports.provider(cfg.get("zmq.impl")).pinCurrentThread(kernelCpu);
            } catch (RuntimeException e) {                            // e.g. a cpuset without that CPU: slower, not down
                org.slf4j.LoggerFactory.getLogger(Sidecar.class)
                        .error("kernel.cpu={}: {}; the kernel thread runs unpinned", kernelCpu, e.getMessage());
            }
            kernel.run();
        }, "vprop-kernel");
        t.start();
        // The slow parts (models, HTTP panel, notifications: thousands of classes) wait for the first terminal's
        // welcome, up to DEFER_SLOW_PARTS_MS, so that they do not compete with its hello for the CPU (issue 18 item 4).
        if (terminalsExpected) awaitFirstWelcome(kernel, DEFER_SLOW_PARTS_MS);
        // models: the registry behind /api/models, the engine's served Q*, live record, rollback, retraining
        ModelService models;
        try {
            models = new ModelService(modelSettings(cfg),
                    (type, data) -> events.publish(type, System.currentTimeMillis(), data), System::currentTimeMillis);
        } catch (RuntimeException e) {
            modelsReady.completeExceptionally(e);
            kernel.close();
            closeAll(closeables);
            events.close();
            journalReader.close();
            journal.close();
            throw e;
        }
        closeables.add(models);
        modelsReady.complete(models);
        ApiServer api = null;
        if (withHttp) {
            String host = cfg.get("http.host");
            try {
                api = new ApiServer(kernel, journalReader, events, metrics, firmDay, httpAccess(cfg))
                        .riskPerTrade(riskPerTrade)
                        .strategy(cfg.get("strategy"), DemoStrategyChoice.bannerReason(cfg.get("strategy"),
                                cfg.isSet("strategy"), DemoEngineMeasurement.bundled()));
                AnalyticsApi.register(api.app(), kernel, events, journal.file(), dir, firmDay);
                ModelsApi.register(api.app(), models);
                // the edges the engine runs with (engine.edges), beside its live posteriors in the panel
                Map<String, Object> edges = EngineEdges.describe(cfg);
                api.app().get("/api/edges", ctx -> ctx.json(edges));
                ChallengeApi.register(api.app(), journalReader, ChallengeApi.Settings.defaults(cfg.researchDir()));
                SidecarKernel k = kernel;
                if (mem != null) MemoryApi.register(api.app(), mem, () -> k.status().peers().stream()
                        .map(p -> AccountGovernors.accountOf(p.id())).toList());
                api.start(host, cfg.getInt("http.port"));
            } catch (RuntimeException e) {
                kernel.close();
                closeAll(closeables);
                events.close();
                journalReader.close();
                journal.close();
                throw new IllegalStateException("cannot start the HTTP API on " + host + ":" + cfg.get("http.port") + ": "
                        + e.getMessage() + " (is the port in use? set http.port or --http)", e);
            }
        }
        Sidecar sidecar = new Sidecar(journal, journalReader, events, kernel, api, t, closeables);
        LogSetup.apply(cfg);
        sidecar.notifier = Notifier.start(cfg, events, firmDay, metrics);
        return sidecar;
    }

    /** How long a restarted sidecar holds its slow parts back for its first terminal's welcome. */
    static final long DEFER_SLOW_PARTS_MS = 3_000;

    private static void awaitFirstWelcome(SidecarKernel kernel, long maxMs) {
        long until = System.currentTimeMillis() + maxMs;
        while (System.currentTimeMillis() < until) {
            if (kernel.status().peers().stream().anyMatch(KernelStatus.Peer::welcomed)) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Trade memory under data.dir/memory: in-process short-term rings, or Redis when memory.redis is set. */
    /**
     * The signal engine's configuration: engine.timeframes (intraday or swing) and engine.edges (handset, fitted, a
     * file, or auto = fitted on swing timeframes, where the bundled artefact has cells).
     */
    static SignalConfig engineConfig(VpropConfig cfg) {
        SignalConfig.Builder b = SignalConfig.builder().riskPerTrade(riskPerTrade(cfg).pct() / 100);
        boolean swing = cfg.get("engine.timeframes").equals("swing");
        if (swing) b.timeframes(SignalConfig.SWING.toArray(new io.vprop.market.Timeframe[0])).regimeTimeframe(io.vprop.market.Timeframe.H4);
        // one resolution of engine.edges, shared with GET /api/edges, so the panel shows what the engine was given
        String edges = EngineEdges.artefact(cfg);
        if (edges != null) b.edges(edges.equals(io.vprop.research.edges.EdgeArtefact.BUNDLED)
                ? io.vprop.research.edges.EdgeArtefact.bundled() : io.vprop.research.edges.EdgeArtefact.read(Path.of(edges)));
        return b.build();
    }

    /** The models.* keys; the default label geometry is the signal engine's, so a served model matches its stops. */
    static ModelService.Settings modelSettings(VpropConfig cfg) {
        Path dir = cfg.get("models.dir").isEmpty() ? cfg.dataDir().resolve("models") : Path.of(cfg.get("models.dir"));
        List<Path> bars = new ArrayList<>();
        for (String f : cfg.get("models.retrain.bars").split(",")) if (!f.isBlank()) bars.add(Path.of(f.trim()));
        SignalConfig sc = SignalConfig.defaults();
        return new ModelService.Settings(dir, cfg.getBool("models.serve"),
                cfg.getDouble("models.rollback.margin"), cfg.getInt("models.rollback.min.trades"), bars,
                cfg.getDouble("models.retrain.interval.hours"), cfg.getInt("models.retrain.after.trades"),
                cfg.getBool("models.retrain.on.drift"), cfg.getBool("models.record.bars"),
                new TpSlLabeler(sc.horizonBars, sc.slSigma * sc.tp1Multiple, sc.slSigma),
                TpSlPipeline.defaultConfig(), 60_000, cfg.getBool("models.use.tpsl"), cfg.getBool("models.use.meta"),
                cfg.getBool("models.use.seq"));
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing to start: the first error is the one to report
            }
        }
    }

    static TradeMemory memory(VpropConfig cfg) {
        MemoryConfig mc = MemoryConfig.embedded(cfg.dataDir().resolve("memory"), EntryFeatures.DIMENSION);
        String redis = cfg.get("memory.redis");
        if (!redis.isEmpty()) {
            int c = redis.lastIndexOf(':');
            mc = mc.withRedis(redis.substring(0, c), Integer.parseInt(redis.substring(c + 1)));
        }
        return TradeMemory.open(mc);
    }

    /**
     * The risk per trade (docs/configuration.md, "Risk per trade"): risk.per.trade.pct when set, else the challenge
     * lab's choice for firm.profile in risk.lab.file (default: the bundled file), else the built-in 0.25 %.
     */
    static RiskPerTrade riskPerTrade(VpropConfig cfg) {
        String file = cfg.get("risk.lab.file");
        RiskDefaults lab;
        try {
            lab = file.isEmpty() ? RiskDefaults.bundled() : RiskDefaults.read(Path.of(file));
        } catch (RuntimeException e) {
            throw new ConfigException("risk.lab.file: " + e.getMessage());
        }
        String pct = cfg.get("risk.per.trade.pct");
        return RiskPerTrade.resolve(pct.isEmpty() ? Double.NaN : Double.parseDouble(pct), cfg.get("firm.profile"), lab);
    }

    /** A bundled firm profile by id (ftmo-2step …) or a custom profile file (a path ending in .json). */
    public static FirmProfile profile(String idOrFile) {
        try {
            return idOrFile.endsWith(".json") ? ProfileLoader.file(Path.of(idOrFile)) : ProfileLoader.bundled(idOrFile);
        } catch (RuntimeException e) {
            throw new ConfigException("firm.profile: " + e.getMessage());
        }
    }

    /**
     * Who may use the HTTP API: the per-install token (required on every state change and WebSocket, on loopback
     * too), reads open only on loopback, and the names the sidecar answers to besides loopback's: http.allowed.hosts
     * and a non-loopback bind address.
     */
    public static HttpAccess httpAccess(VpropConfig cfg) {
        String host = cfg.get("http.host");
        boolean loopback = ApiServer.isLoopback(host);
        List<String> names = new ArrayList<>(cfg.list("http.allowed.hosts"));
        if (!loopback && !ApiServer.isWildcard(host)) names.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        return new HttpAccess(ApiToken.loadOrCreate(cfg.dataDir()), !loopback, names);
    }

    public SidecarKernel kernel() { return kernel; }

    /** Read-only queries on the journal (fills, signals, events) from threads other than the kernel's. */
    public JournalReader journalReader() { return journalReader; }

    public int httpPort() { return api == null ? -1 : api.port(); }

    /** The HTTP API (null without HTTP): tests compare its routes with docs/api.md. */
    ApiServer api() { return api; }

    public String zmqEndpoint() { return kernel.endpoint(); }

    @Override
    public void close() {
        if (api != null) api.close();
        if (notifier != null) notifier.close();
        kernel.close();
        try {
            kernelThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        journalReader.close();
        journal.close();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Sidecar.class).warn("closing {}: {}", c, e.toString());
            }
        }
    }
}
