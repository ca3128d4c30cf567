package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;
import com.nightshift.risk.service.ShardedRun;
import com.nightshift.risk.var.BookModel;
import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.ScenarioShard;
import com.nightshift.risk.var.VarEngine;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

/**
 * A VaR run larger than the risk task definition's {@code VAR_SHARD_SCENARIOS} on two risk workers:
 * the run is planned, its shards are spread over both workers through the risk queue, one merge writes
 * the results, and those are exactly what one process computes from the same inputs with the same
 * engine and settings.
 *
 * <p>The inputs (a book with equities, options, FX and a bond, and about 70 business days of closes)
 * are staged directly and the risk job is sent to the risk queue, as ingestion would, so that this
 * test depends on the risk stage alone. Their business date is one no other test uses. Needs the local
 * stack: a second worker and the workers' logs are what it checks against.
 */
@ExtendWith(StackUnderTest.class)
class ShardedRiskIT {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedRiskIT.class);
    private static final String RISK = "risk-calculation";
    private static final LocalDate DATE = LocalDate.of(2026, 12, 4);
    private static final String RESULTS = "results/risk/" + DATE + "/";
    private static final String POSITIONS_KEY = "staged/positions/" + DATE + "/positions-" + DATE + ".csv";
    private static final String PRICES_KEY = "staged/market-data/" + DATE + "/prices-" + DATE + ".csv";
    private static final List<String> PORTFOLIOS = List.of("PF-ALPHA", "PF-BETA", "PF-GAMMA");
    // Before the inputs below, which are made from them when the class is initialised.
    private static final String HEADER = "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n";
    private static final String[] FACTORS = {"AAA", "BBB", "CCC", "EURUSD", "GBPUSD", "UST5Y"};
    private static final double[] LEVELS = {100.0, 40.0, 250.0, 1.08, 1.27, 0.042};
    private static final double[] VOLATILITIES = {0.02, 0.015, 0.025, 0.005, 0.006, 0.02};

    private static final byte[] POSITIONS = positions().getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRICES = prices(DATE).getBytes(StandardCharsets.UTF_8);

    private static VarSettings settings;
    private static VarReport sharded;
    private static ShardedRun plan;
    private static List<String> shardObjects;
    /** Each worker's log name to the shards ([first, end)) of this run it stored. */
    private static Map<String, List<String>> shardsByWorker;

    @BeforeAll
    static void runShardedOnTwoWorkers(StackDriver stack) throws IOException {
        Optional<LocalStack> local = stack.localStack();
        assumeTrue(local.isPresent(), "needs the local stack: it starts a second risk worker and reads its log");
        List<ServiceProcess> workers = local.get().ensureWorkers(RISK, 2);
        settings = settingsOf(local.get().taskEnvironment(RISK));
        assertThat(settings.scenarios()).as("VAR_SCENARIOS above VAR_SHARD_SCENARIOS in the local configuration")
                .isGreaterThan(settings.shardScenarios());
        Map<ServiceProcess, Long> logStart = new LinkedHashMap<>();
        for (ServiceProcess worker : workers) {
            logStart.put(worker, Files.size(worker.log()));
        }

        String bucket = stack.outputs().stagingBucket();
        stack.store().put(ObjectRef.of(bucket, POSITIONS_KEY), POSITIONS, "text/csv");
        stack.store().put(ObjectRef.of(bucket, PRICES_KEY), PRICES, "text/csv");
        List<String> results = new ArrayList<>(List.of(RESULTS + VarPipeline.VAR_JSON));
        PORTFOLIOS.forEach(p -> results.add(RESULTS + p + "/" + VarPipeline.PORTFOLIO_RESULT));
        Instant sent = Instant.now();
        stack.sqs().sendMessage(b -> b.queueUrl(stack.outputs().riskQueueUrl())
                .messageBody(JsonCodec.write(new RiskJob("risk-" + DATE, DATE))));
        stack.awaitObjects(bucket, results, sent, Duration.ofMinutes(3));
        Duration took = Duration.between(sent, Instant.now());
        // The reports of the results are made after they are written; let them finish before the next test.
        stack.await("the risk reports of " + DATE, Duration.ofMinutes(2), () -> stack.backlog() == 0);

        sharded = read(stack, RESULTS + VarPipeline.VAR_JSON, VarPipeline::readReport);
        List<String> plans = keys(stack, RESULTS + "runs/").stream().filter(k -> k.endsWith("/plan.json")).toList();
        assertThat(plans).as("plans under " + RESULTS + "runs/").singleElement();
        plan = read(stack, plans.getFirst(), in -> DocumentJson.read(in, ShardedRun.class));
        shardObjects = keys(stack, RESULTS + "runs/" + plan.runId() + "/shards/");
        shardsByWorker = new LinkedHashMap<>();
        for (ServiceProcess worker : workers) {
            shardsByWorker.put(worker.log().getFileName().toString(),
                    shardsLogged(worker.log(), logStart.get(worker), plan.runId()));
        }
        LOG.info("sharded run {} of {}: {} scenarios in {} shards, results {} after the job was sent; shards by worker: {}",
                plan.runId(), DATE, settings.scenarios(), plan.shards().size(), took, shardsByWorker);
    }

    @Test
    void the_run_is_planned_and_stored_as_shards_of_at_most_VAR_SHARD_SCENARIOS() {
        assertThat(plan.settings()).isEqualTo(settings);
        assertThat(plan.positionKeys()).containsExactly(POSITIONS_KEY);
        assertThat(plan.priceKeys()).containsExactly(PRICES_KEY);
        assertThat(plan.shards()).hasSizeGreaterThanOrEqualTo(2)
                .isEqualTo(ScenarioShard.split(settings.scenarios(), settings.shardScenarios()))
                .allSatisfy(shard -> assertThat(shard.end() - shard.first()).isLessThanOrEqualTo(settings.shardScenarios()));
        assertThat(shardObjects).containsExactlyInAnyOrderElementsOf(plan.shards().stream()
                .map(s -> RESULTS + "runs/" + plan.runId() + "/shards/" + s.first() + "-" + s.end() + ".bin").toList());
    }

    @Test
    void both_workers_take_shards_and_together_cover_the_run() {
        assertEveryWorkerTookShardsCoveringThePlan(shardsByWorker, 2, plan);
    }

    /** {@code workers} workers each stored shards of the run, and together every shard of its plan. */
    static void assertEveryWorkerTookShardsCoveringThePlan(Map<String, List<String>> shardsByWorker, int workers,
            ShardedRun plan) {
        assertThat(shardsByWorker).hasSize(workers).allSatisfy((worker, shards) ->
                assertThat(shards).as("shards stored by " + worker).isNotEmpty());
        TreeSet<String> covered = new TreeSet<>();
        shardsByWorker.values().forEach(covered::addAll);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                plan.shards().stream().map(s -> "[" + s.first() + ", " + s.end() + ")").toList());
    }

    @Test
    void the_merged_result_is_the_single_process_result_of_the_same_inputs_and_settings() {
        VarReport single = singleProcess(POSITIONS_KEY, POSITIONS, PRICES_KEY, PRICES, DATE, settings);

        assertThat(sharded.scenarios()).isEqualTo(settings.scenarios());
        assertThat(sharded.businessDate()).isEqualTo(DATE);
        assertThat(sharded.portfolios()).containsOnlyKeys(PORTFOLIOS);
        assertSameFigures(sharded, single);
    }

    /** Bit for bit the same measures, components, histogram and inputs: what a sharded run must give. */
    static void assertSameFigures(VarReport sharded, VarReport single) {
        assertThat(sharded.book()).isEqualTo(single.book());
        assertThat(sharded.portfolios()).isEqualTo(single.portfolios());
        assertThat(sharded.components()).isEqualTo(single.components());
        assertThat(sharded.histogram()).isEqualTo(single.histogram());
        assertThat(sharded.manifest().inputs()).isEqualTo(single.manifest().inputs());
    }

    @Test
    void each_portfolio_result_carries_the_merged_measures(StackDriver stack) {
        for (String portfolio : PORTFOLIOS) {
            PortfolioRiskDocument result = read(stack, RESULTS + portfolio + "/" + VarPipeline.PORTFOLIO_RESULT,
                    VarPipeline::readPortfolio);
            assertThat(result.measures()).as(portfolio).isEqualTo(sharded.portfolios().get(portfolio));
        }
    }

    /** What one process computes from these inputs with these settings: what a sharded run must equal. */
    static VarReport singleProcess(String positionsKey, byte[] positions, String pricesKey, byte[] prices, LocalDate date,
            VarSettings settings) {
        BookModel model = VarPipeline.prepare(List.of(source(positionsKey, positions)),
                new VarPipeline.PriceHistoryMarket(List.of(source(pricesKey, prices))), Optional.of(date), date, settings);
        return VarEngine.withParallelism(Math.max(1, Runtime.getRuntime().availableProcessors())).run(model);
    }

    /** What the risk service builds from its task definition's {@code VAR_*} variables. */
    static VarSettings settingsOf(Map<String, String> environment) {
        return VarSettings.DEFAULTS.withScenarios(Integer.parseInt(environment.get("VAR_SCENARIOS")))
                .withSeed(Long.parseLong(environment.get("VAR_SEED")))
                .withMethod(SamplingMethod.of(environment.get("VAR_METHOD")))
                .withShardScenarios(Integer.parseInt(environment.get("VAR_SHARD_SCENARIOS")))
                .withHistoryRate(Double.parseDouble(environment.get("VAR_RATE")));
    }

    /** The shards of run {@code runId} a worker logged as stored after byte {@code from} of its log. */
    static List<String> shardsLogged(Path log, long from, String runId) throws IOException {
        String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        Matcher stored = Pattern.compile("shard (\\[\\d+, \\d+\\)) of run " + Pattern.quote(runId) + " stored")
                .matcher(text.substring((int) Math.min(from, text.length())));
        List<String> shards = new ArrayList<>();
        while (stored.find()) {
            shards.add(stored.group(1));
        }
        return shards;
    }

    static List<String> keys(StackDriver stack, String prefix) {
        return stack.store().list(stack.outputs().stagingBucket(), prefix).stream().map(StoredObject::ref)
                .map(ObjectRef::key).sorted().toList();
    }

    interface Reader<T> {
        T read(java.io.InputStream in) throws IOException;
    }

    static <T> T read(StackDriver stack, String key, Reader<T> reader) {
        try {
            return reader.read(new ByteArrayInputStream(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(),
                    key))));
        } catch (IOException e) {
            throw new UncheckedIOException(key, e);
        }
    }

    private static InputSource source(String key, byte[] content) {
        return new InputSource(key, () -> new ByteArrayInputStream(content));
    }

    /** Three portfolios of equities, options, FX and bonds: some sixty positions. */
    static String positions() {
        StringBuilder csv = new StringBuilder(HEADER);
        SplittableRandom random = new SplittableRandom(1204);
        int id = 0;
        for (String portfolio : PORTFOLIOS) {
            for (int i = 0; i < 8; i++) {
                int f = random.nextInt(3);
                csv.append(line(++id, portfolio, "EQUITY", (random.nextInt(40) - 10) * 25, FACTORS[f], "", "", ""));
            }
            for (int i = 0; i < 6; i++) {
                int f = random.nextInt(3);
                double strike = Math.round(LEVELS[f] * (0.85 + 0.3 * random.nextDouble()));
                String expiry = String.format(Locale.ROOT, "%.2f", 0.1 + random.nextDouble());
                csv.append(line(++id, portfolio, "OPTION", (random.nextInt(20) - 10) * 5, FACTORS[f],
                        Long.toString((long) strike), expiry, random.nextBoolean() ? "CALL" : "PUT"));
            }
            for (int i = 0; i < 3; i++) {
                csv.append(line(++id, portfolio, "FX", (random.nextInt(20) - 5) * 10_000, FACTORS[3 + random.nextInt(2)],
                        "", "", ""));
            }
            for (int i = 0; i < 2; i++) {
                csv.append(line(++id, portfolio, "BOND", 10 + random.nextInt(90), "UST5Y", "1000",
                        Integer.toString(1 + random.nextInt(9)), ""));
            }
        }
        return csv.toString();
    }

    private static String line(int id, String portfolio, String type, long quantity, String underlying, String strike,
            String expiry, String optionType) {
        return String.join(",", String.format(Locale.ROOT, "P%03d", id), portfolio, type, Long.toString(quantity),
                underlying, strike, expiry, optionType) + "\n";
    }

    /** About 70 business days of closes up to {@code date} for every factor. */
    static String prices(LocalDate date) {
        StringBuilder csv = new StringBuilder("date,factor,close\n");
        SplittableRandom random = new SplittableRandom(41204);
        double[] level = LEVELS.clone();
        for (LocalDate day = date.minusDays(98); !day.isAfter(date); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int f = 0; f < FACTORS.length; f++) {
                level[f] *= Math.exp(VOLATILITIES[f] * (random.nextDouble() - 0.5) * 3.4);
                csv.append(day).append(',').append(FACTORS[f]).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", level[f])).append('\n');
            }
        }
        return csv.toString();
    }
}
