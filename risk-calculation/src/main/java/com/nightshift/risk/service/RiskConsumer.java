package com.nightshift.risk.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.market.Position;
import com.nightshift.common.market.PositionCsvCodec;
import com.nightshift.common.market.PriceCsvCodec;
import com.nightshift.common.market.PricePoint;
import com.nightshift.common.risk.VarSettings;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StagedInputs;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.time.BusinessCalendar;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.risk.engine.MarketData;
import com.nightshift.risk.engine.MonteCarloVarEngine;
import com.nightshift.risk.engine.Portfolio;
import com.nightshift.risk.engine.RiskBook;
import com.nightshift.risk.engine.RiskResult;
import com.nightshift.risk.engine.VarParameters;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Computes VaR and ES for every portfolio staged for a business date, once positions for that date
 * and a prices file ending on that date are both staged. Writes one result per portfolio and asks
 * for its report. A portfolio that cannot be computed (mixed currencies, missing prices) fails the job,
 * so it is retried and then dead-lettered rather than silently left out.
 */
@Singleton
public class RiskConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RiskConsumer.class);

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final ManifestSigner signer;
    private final MonteCarloVarEngine engine = MonteCarloVarEngine.withParallelism(
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final String queueUrl;
    private final String stagingBucket;
    private final String reportQueueUrl;
    private final VarSettings settings;
    private final Clock clock = Clock.systemUTC();

    public RiskConsumer(ObjectStore store, JobPublisher publisher, ManifestSigner signer,
            @Property(name = "risk.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket,
            @Property(name = "report.queue.url") String reportQueueUrl,
            @Value("${var.scenarios:" + VarSettings.DEFAULT_SCENARIOS + "}") int scenarios,
            @Value("${var.confidence:" + VarSettings.DEFAULT_CONFIDENCE + "}") double confidence,
            @Value("${var.seed:" + VarSettings.DEFAULT_SEED + "}") long seed) {
        this.store = store;
        this.publisher = publisher;
        this.signer = signer;
        this.queueUrl = queueUrl;
        this.stagingBucket = stagingBucket;
        this.reportQueueUrl = reportQueueUrl;
        // Validated now so that a bad task definition fails the service at start, not at night.
        this.settings = settings(scenarios, confidence, seed);
    }

    /**
     * {@link VarSettings#DEFAULTS} with what the task definition sets ({@code VAR_SCENARIOS},
     * {@code VAR_CONFIDENCE}, {@code VAR_SEED}; without them, the defaults).
     */
    static VarSettings settings(int scenarios, double confidence, long seed) {
        VarSettings defaults = VarSettings.DEFAULTS;
        return new VarSettings(scenarios, confidence, defaults.horizonDays(), seed, defaults.lookbackDays());
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
        RiskJob job = riskJob(message.body(), clock.instant());
        MDC.put("jobId", job.jobId());
        LocalDate date = job.businessDate();
        List<StoredObject> positionObjects = store.list(stagingBucket, "staged/positions/" + date + "/");
        List<StoredObject> priceObjects = store.list(stagingBucket, "staged/market-data/" + date + "/");
        if (positionObjects.isEmpty() || priceObjects.isEmpty()) {
            LOG.info("{}: {} staged; waiting for the other input", job.jobId(),
                    positionObjects.isEmpty() ? "no positions" : "no prices ending on " + date);
            return;
        }
        StagedInputs inputs = new StagedInputs(store);
        List<Position> positions = inputs.read(positionObjects, new PositionCsvCodec());
        List<PricePoint> prices = inputs.read(priceObjects, new PriceCsvCodec());
        RiskBook book = RiskBook.of(date, positions, prices, settings.lookbackDays());
        VarParameters parameters = VarParameters.of(settings);

        // Each portfolio stands alone: one that cannot be computed does not hold back the others'
        // reports, and the job still fails afterwards, so the failure is retried and then dead-lettered.
        List<String> failures = new ArrayList<>();
        for (String id : book.portfolioIds()) {
            try {
                computeAndReport(job, message, book.portfolio(id), book.marketData(), parameters, inputs);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.error("{}: portfolio {} not computed: {}", job.jobId(), id, e.getMessage());
                failures.add(id + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(job.jobId() + ": " + failures.size() + " of " + book.portfolioIds().size()
                    + " portfolios not computed; " + String.join("; ", failures));
        }
    }

    private void computeAndReport(RiskJob job, JobMessage message, Portfolio portfolio, MarketData marketData,
            VarParameters parameters, StagedInputs inputs) {
        LocalDate date = job.businessDate();
        RiskResult result = engine.run(portfolio, marketData, parameters);
        ResultManifest manifest = signer.sign(ResultManifest.unsigned(inputs.inputs(), Map.of(
                "portfolio", portfolio.id(), "businessDate", date.toString(),
                "confidence", Double.toString(settings.confidence()),
                "horizonDays", Integer.toString(settings.horizonDays()),
                "scenarios", Integer.toString(settings.scenarios()),
                "lookbackDays", Integer.toString(settings.lookbackDays()),
                "method", "monte-carlo-normal"), settings.seed(), clock.instant()));
        RiskDocument document = RiskDocument.of(portfolio, date, result, manifest);
        String resultKey = "results/risk/" + date + "/" + portfolio.id() + "/result.json";
        store.put(ObjectRef.of(stagingBucket, resultKey), JsonCodec.writeBytes(document), "application/json");
        LOG.info("{}: {} VaR {} ES {} {} ({} scenarios)", job.jobId(), portfolio.id(),
                String.format("%.2f", result.valueAtRisk()), String.format("%.2f", result.expectedShortfall()),
                result.currency(), result.scenarios());
        publisher.publish(reportQueueUrl, new ReportJob(job.jobId() + "-" + portfolio.id(), ReportKind.RISK,
                stagingBucket, resultKey, "risk-" + date + "-" + portfolio.id()), message.trace());
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
