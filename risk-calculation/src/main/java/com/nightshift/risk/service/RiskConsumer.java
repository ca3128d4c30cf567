package com.nightshift.risk.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.job.RiskShardJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.S3OutputSink;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.time.BusinessCalendar;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.risk.var.BookModel;
import com.nightshift.risk.var.SamplingMethod;
import com.nightshift.risk.var.ScenarioShard;
import com.nightshift.risk.var.ShardLosses;
import com.nightshift.risk.var.VarEngine;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The risk service: VaR and ES of the book staged for a business date, through the same
 * {@link VarPipeline} as {@code bin/nightshift var}, once positions for that date and a price history
 * ending on it are both staged.
 *
 * <p>A run of at most {@code VAR_SHARD_SCENARIOS} scenarios is computed in this task. A larger one is
 * planned ({@link ShardedRun}) and spread over the risk queue itself, one message per shard: any
 * risk task simulates a shard and stores its losses; the task that stores the last shard asks for the
 * merge, which writes exactly what a single-process run would (the engine is bit-identical however a
 * run is split), and asks for the report. Because shards ride the risk queue, its backlog scaling
 * spreads them over tasks.
 *
 * <p>Results: {@code results/risk/<date>/var.json} and {@code results/risk/<date>/<portfolio>/result.json},
 * and one report job: the risk report of the date, rendered from {@code var.json}, which is signed over its
 * whole content with the application secret's key ({@link ManifestSigner}, docs/audit.md). Bad staged input fails the job, so it is retried and then
 * dead-lettered rather than silently left out.
 */
@Singleton
public class RiskConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RiskConsumer.class);
    static final String RESULTS = "results/risk/";

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final ManifestSigner signer;
    private final BusinessMetrics metrics;
    private final VarEngine engine = VarEngine.withParallelism(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final String queueUrl;
    private final String stagingBucket;
    private final String reportQueueUrl;
    private final VarSettings settings;
    private final Clock clock = Clock.systemUTC();

    public RiskConsumer(ObjectStore store, JobPublisher publisher, ManifestSigner signer, BusinessMetrics metrics,
            @Property(name = "risk.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket,
            @Property(name = "report.queue.url") String reportQueueUrl,
            @Value("${var.scenarios:" + VarSettings.DEFAULT_SCENARIOS + "}") int scenarios,
            @Value("${var.seed:" + VarSettings.DEFAULT_SEED + "}") long seed,
            @Value("${var.method:" + VarSettings.DEFAULT_METHOD + "}") String method,
            @Value("${var.shard.scenarios:" + VarSettings.DEFAULT_SHARD_SCENARIOS + "}") int shardScenarios,
            @Value("${var.rate:" + VarSettings.DEFAULT_HISTORY_RATE + "}") double rate) {
        this.store = store;
        this.publisher = publisher;
        this.signer = signer;
        this.metrics = metrics;
        this.queueUrl = queueUrl;
        this.stagingBucket = stagingBucket;
        this.reportQueueUrl = reportQueueUrl;
        // Validated now so that a bad task definition fails the service at start, not at night.
        this.settings = settings(scenarios, seed, method, shardScenarios, rate);
    }

    /**
     * {@link VarSettings#DEFAULTS} with what the task definition sets ({@code VAR_SCENARIOS},
     * {@code VAR_SEED}, {@code VAR_METHOD}, {@code VAR_SHARD_SCENARIOS}, {@code VAR_RATE}: the rate that
     * prices options, since the staged price history carries none; without them, the defaults).
     */
    static VarSettings settings(int scenarios, long seed, String method, int shardScenarios, double rate) {
        return VarSettings.DEFAULTS.withScenarios(scenarios).withSeed(seed).withMethod(SamplingMethod.of(method))
                .withShardScenarios(shardScenarios).withHistoryRate(rate);
    }

    /** The settings the service runs with. */
    VarSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "risk";
    }

    @Override
    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        JsonNode body = JsonCodec.tree(message.body().getBytes(StandardCharsets.UTF_8));
        if (body.hasNonNull("step")) {
            RiskShardJob job = JsonCodec.read(message.body(), RiskShardJob.class);
            MDC.put("jobId", job.jobId());
            if (job.mergeStep()) {
                merge(job, message);
            } else {
                simulateShard(job, message);
            }
            return;
        }
        RiskJob job = riskJob(message.body(), clock.instant());
        MDC.put("jobId", job.jobId());
        run(job, message);
    }

    private void run(RiskJob job, JobMessage message) throws IOException {
        LocalDate date = job.businessDate();
        List<String> positionKeys = keys("staged/positions/" + date + "/");
        List<String> priceKeys = keys("staged/market-data/" + date + "/");
        if (positionKeys.isEmpty() || priceKeys.isEmpty()) {
            LOG.info("{}: {} staged; waiting for the other input", job.jobId(),
                    positionKeys.isEmpty() ? "no positions" : "no prices ending on " + date);
            return;
        }
        BookModel model = prepare(positionKeys, priceKeys, date);
        if (settings.scenarios() <= settings.shardScenarios()) {
            Instant start = clock.instant();
            VarReport report = message.trace().span("simulate", () -> engine.run(model));
            Duration runTime = Duration.between(start, clock.instant());
            writeResults(job.jobId(), date, model, report, message);
            metrics.varRun(runTime, report.scenarios(), 1);
            return;
        }
        List<ScenarioShard> shards = ScenarioShard.split(settings.scenarios(), settings.shardScenarios());
        String runId = runId(model.manifest().inputs(), settings);
        ShardedRun plan = new ShardedRun(runId, date, settings, positionKeys, priceKeys, model.manifest().inputs(),
                shards);
        store.put(ObjectRef.of(stagingBucket, planKey(date, runId)), DocumentJson.bytes(plan), "application/json");
        // The same inputs plan the same run id again (a job sent twice, a night run again): its merge is asked anew.
        store.delete(mergeClaim(date, runId));
        for (ScenarioShard shard : shards) {
            publisher.publish(queueUrl, RiskShardJob.shard(job.jobId(), date, runId, shard.first(), shard.end()),
                    message.trace());
        }
        LOG.info("{}: {} scenarios spread over {} shards as run {}", job.jobId(), settings.scenarios(), shards.size(),
                runId);
    }

    private void simulateShard(RiskShardJob job, JobMessage message) throws IOException {
        Optional<PlannedBook> planned = plannedBook(job);
        if (planned.isEmpty()) {
            return;
        }
        ShardedRun plan = planned.get().plan();
        Instant start = clock.instant();
        ShardLosses losses = message.trace().span("simulate",
                () -> engine.simulate(planned.get().model(), new ScenarioShard(job.first(), job.end())));
        metrics.shardSimulated(Duration.between(start, clock.instant()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        losses.writeTo(bytes);
        store.put(ObjectRef.of(stagingBucket, shardKey(plan, job.first(), job.end())), bytes.toByteArray(),
                "application/octet-stream");
        int stored = store.list(stagingBucket, shardPrefix(plan)).size();
        LOG.info("{}: shard [{}, {}) of run {} stored ({} of {})", job.jobId(), job.first(), job.end(), plan.runId(),
                stored, plan.shards().size());
        if (stored >= plan.shards().size() && claimMerge(plan, message)) {
            publisher.publish(queueUrl, RiskShardJob.merge(job.jobId().replaceFirst("-\\d+$", ""), plan.businessDate(),
                    plan.runId()), message.trace());
        }
    }

    private void merge(RiskShardJob job, JobMessage message) throws IOException {
        Optional<PlannedBook> planned = plannedBook(job);
        if (planned.isEmpty()) {
            return;
        }
        ShardedRun plan = planned.get().plan();
        List<ShardLosses> shards = new ArrayList<>();
        for (ScenarioShard shard : plan.shards()) {
            byte[] content = store.read(ObjectRef.of(stagingBucket, shardKey(plan, shard.first(), shard.end())));
            shards.add(ShardLosses.readFrom(new ByteArrayInputStream(content)));
        }
        VarReport report = message.trace().span("merge", () -> engine.merge(planned.get().model(), shards));
        LOG.info("{}: run {} merged from {} shards", job.jobId(), plan.runId(), shards.size());
        writeResults(job.jobId(), plan.businessDate(), planned.get().model(), report, message);
        // A spread run takes from its plan being stored to its merge being written, across tasks.
        store.head(ObjectRef.of(stagingBucket, planKey(plan.businessDate(), plan.runId())))
                .ifPresent(stored -> metrics.varRun(Duration.between(stored.lastModified(), clock.instant()),
                        report.scenarios(), plan.shards().size()));
    }

    /**
     * Whoever stores the last shard asks for the merge, once per run: two workers storing the last two
     * shards at the same moment both see every shard stored, and only the one whose message creates the
     * run's merge claim first asks. The claim holds that message's id, so a redelivery of the same message
     * (its worker stopped before asking) asks again; a merge writes the same bytes whenever it runs.
     */
    private boolean claimMerge(ShardedRun plan, JobMessage message) {
        ObjectRef claim = mergeClaim(plan.businessDate(), plan.runId());
        byte[] messageId = message.messageId().getBytes(StandardCharsets.UTF_8);
        return store.putIfAbsent(claim, messageId, "text/plain") || java.util.Arrays.equals(store.read(claim), messageId);
    }

    private ObjectRef mergeClaim(LocalDate date, String runId) {
        return ObjectRef.of(stagingBucket, RESULTS + date + "/runs/" + runId + "/merge-claim");
    }

    private record PlannedBook(ShardedRun plan, BookModel model) {
    }

    /** The run's plan and book, or empty when newer inputs have superseded the run. */
    private Optional<PlannedBook> plannedBook(RiskShardJob job) throws IOException {
        String key = planKey(job.businessDate(), job.runId());
        ShardedRun plan = DocumentJson.read(new ByteArrayInputStream(store.read(ObjectRef.of(stagingBucket, key))),
                ShardedRun.class);
        List<String> current = new ArrayList<>(keys("staged/positions/" + plan.businessDate() + "/"));
        current.addAll(keys("staged/market-data/" + plan.businessDate() + "/"));
        List<String> planned = new ArrayList<>(plan.positionKeys());
        planned.addAll(plan.priceKeys());
        if (!current.equals(planned)) {
            LOG.info("{}: run {} superseded: the staged inputs changed since it was planned", job.jobId(), plan.runId());
            return Optional.empty();
        }
        BookModel model = VarPipeline.prepare(sources(plan.positionKeys()),
                new VarPipeline.PriceHistoryMarket(sources(plan.priceKeys())), Optional.of(plan.businessDate()),
                plan.businessDate(), plan.settings());
        if (!model.manifest().inputs().equals(plan.inputs())) {
            LOG.info("{}: run {} superseded: a staged input was replaced since it was planned", job.jobId(),
                    plan.runId());
            return Optional.empty();
        }
        return Optional.of(new PlannedBook(plan, model));
    }

    private BookModel prepare(List<String> positionKeys, List<String> priceKeys, LocalDate date) {
        return VarPipeline.prepare(sources(positionKeys), new VarPipeline.PriceHistoryMarket(sources(priceKeys)),
                Optional.of(date), date, settings);
    }

    private void writeResults(String jobId, LocalDate date, BookModel model, VarReport report, JobMessage message)
            throws IOException {
        String folder = RESULTS + date + "/";
        // var.json is signed over its whole content, so that no figure can change without breaking the signature.
        VarPipeline.write(model, signer.sign(report), new S3OutputSink(store, stagingBucket, name -> folder + name));
        LOG.info("{}: book VaR99 {} ES99 {} over {} scenarios ({}), {} portfolios", jobId,
                String.format("%.2f", report.book().var99()), String.format("%.2f", report.book().es99()),
                report.scenarios(), report.method(), report.portfolios().size());
        // One risk report per date, from var.json: the book and every portfolio on it.
        publisher.publish(reportQueueUrl, ReportJob.of(jobId, ReportId.of(ReportKind.RISK, date), stagingBucket),
                message.trace());
    }

    private List<String> keys(String prefix) {
        return store.list(stagingBucket, prefix).stream().map(StoredObject::ref).map(ObjectRef::key).sorted().toList();
    }

    private List<InputSource> sources(List<String> keys) {
        return keys.stream().map(key -> new InputSource(key,
                () -> new ByteArrayInputStream(store.read(ObjectRef.of(stagingBucket, key))))).toList();
    }

    static String planKey(LocalDate date, String runId) {
        return RESULTS + date + "/runs/" + runId + "/plan.json";
    }

    private static String shardPrefix(ShardedRun plan) {
        return RESULTS + plan.businessDate() + "/runs/" + plan.runId() + "/shards/";
    }

    private static String shardKey(ShardedRun plan, int first, int end) {
        return shardPrefix(plan) + first + "-" + end + ".bin";
    }

    /** 16 hex digits of the SHA-256 of the inputs' checksums and the settings: the same run gets the same id. */
    static String runId(List<InputFile> inputs, VarSettings settings) {
        MessageDigest digest = InputFile.newDigest();
        for (InputFile input : inputs) {
            digest.update((input.name() + "=" + input.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        digest.update(settings.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /**
     * A job names its business date, except the nightly schedule's
     * ({@code {"jobId":"risk-nightly","trigger":"schedule"}}), which works on the date the night belongs to.
     */
    static RiskJob riskJob(String body, Instant now) {
        JsonNode message = JsonCodec.tree(body.getBytes(StandardCharsets.UTF_8));
        if (!message.hasNonNull("businessDate") && "schedule".equals(message.path("trigger").asText())) {
            LocalDate date = BusinessCalendar.businessDateOfNightAt(now);
            return new RiskJob(message.path("jobId").asText("risk-nightly") + "-" + date, date);
        }
        return JsonCodec.read(body, RiskJob.class);
    }
}
