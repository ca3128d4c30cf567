package com.nightshift.reporting.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.time.BusinessCalendar;
import com.nightshift.common.storage.ObjectContent;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reporting.NightReport;
import com.nightshift.reporting.NightSummary;
import com.nightshift.reporting.ReconciliationReport;
import com.nightshift.reporting.RiskReport;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Renders the report a job names, one of each kind per business date ({@link ReportId}), and keeps it in
 * the output bucket under its id, replacing the older rendering:
 *
 * <ul>
 *   <li>{@code reconciliation-<date>}: from every {@code results/recon/<date>/<account>/result.json} there
 *       is, whichever account's result asked for it;
 *   <li>{@code risk-<date>}: from {@code results/risk/<date>/var.json};
 *   <li>{@code night-<date>}: from what the buckets hold for the date (staged inputs, results, the other
 *       reports). It is rendered again after every reconciliation or risk report of the date, so it is never
 *       older than they are; a job may also ask for it alone. Once it shows the night complete, the night is
 *       announced on the job topic ({@link NightCompletion}).
 * </ul>
 *
 * <p><b>Why a rendering cannot leave a report older than its results.</b> Results of one date arrive
 * concurrently (one per account), and each asks for the same report, so two renderings can overlap and
 * the one that read fewer results could save last. Each rendering therefore takes a snapshot of what it
 * renders from (the result keys with their ETags, or the night's summary), renders and saves, then takes
 * the snapshot again: if it changed, it renders again from the new one. Whoever saves last has seen,
 * after saving, the results that existed when it saved, so the stored report is never older than a
 * result written before that save; a result written later asks for its own rendering. Comparing
 * snapshots needs only listing, not conditional writes on the output bucket. If the results keep changing
 * for {@value #MAX_RENDERINGS} renderings, the job fails and SQS delivers it again later.
 */
@Singleton
public class ReportConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportConsumer.class);
    /** Renderings of one report in one job before giving up until SQS delivers the job again. */
    static final int MAX_RENDERINGS = 5;

    private final ObjectStore store;
    private final ReportStore reports;
    private final ReportRenderer renderer = new ReportRenderer();
    private final String queueUrl;
    private final String stagingBucket;
    private final NightCompletion completion;
    private final BusinessMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public ReportConsumer(ObjectStore store, ReportStore reports, NightCompletion completion, BusinessMetrics metrics,
            @Property(name = "report.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket) {
        this.store = store;
        this.reports = reports;
        this.completion = completion;
        this.metrics = metrics;
        this.queueUrl = queueUrl;
        this.stagingBucket = stagingBucket;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void handle(JobMessage message) {
        ReportJob job = JsonCodec.read(message.body(), ReportJob.class);
        MDC.put("jobId", job.jobId());
        ReportId id = ReportId.parse(job.reportId());
        if (id.kind() != job.kind()) {
            throw new IllegalArgumentException("report " + id + " is not of kind " + job.kind());
        }
        if (!job.resultBucket().equals(stagingBucket)) {
            throw new IllegalArgumentException("report " + id + ": results are read from " + stagingBucket
                    + " only, not " + job.resultBucket());
        }
        if (!job.resultKey().equals(ReportJob.resultKey(id))) {
            throw new IllegalArgumentException("report " + id + " is rendered from " + ReportJob.resultKey(id)
                    + ", not " + job.resultKey());
        }
        message.trace().span("render", () -> render(id, job.jobId()));
        if (id.kind() != ReportKind.NIGHT) {
            message.trace().span("render", () -> render(ReportId.of(ReportKind.NIGHT, id.businessDate()), job.jobId()));
        }
    }

    /** Renders and saves {@code id} until what it is rendered from stays the same across a rendering. */
    private void render(ReportId id, String runId) {
        Object before = snapshot(id);
        for (int rendering = 1; rendering <= MAX_RENDERINGS; rendering++) {
            byte[] pdf = renderer.render(compose(id, before, runId));
            reports.save(id.value(), pdf);
            Object after = snapshot(id);
            if (after.equals(before)) {
                LOG.info("report {} rendered ({} bytes)", id, pdf.length);
                metrics.reportStored(id.kind().name(), Duration.between(clock.instant(),
                        BusinessCalendar.deadlineFor(id.businessDate())));
                if (after instanceof NightSummary night) {
                    completion.announceIfComplete(night);
                }
                return;
            }
            LOG.info("report {}: its results changed while rendering (rendering {}); rendering again", id, rendering);
            before = after;
        }
        throw new IllegalStateException("report " + id + ": its results kept changing over " + MAX_RENDERINGS
                + " renderings; trying again later");
    }

    /** What {@code id} is rendered from, in a form whose equality says whether it changed. */
    private Object snapshot(ReportId id) {
        LocalDate date = id.businessDate();
        return switch (id.kind()) {
            case RECONCILIATION -> accountResults(date).stream().map(o -> o.ref().key() + "@" + o.etag()).toList();
            case RISK -> store.head(ObjectRef.of(stagingBucket, ReportJob.resultKey(id)))
                    .map(o -> o.ref().key() + "@" + o.etag())
                    .orElseThrow(() -> new IllegalStateException("report " + id + ": there is no "
                            + ReportJob.resultKey(id) + " in " + stagingBucket));
            case NIGHT -> night(date);
        };
    }

    private ReportDocument compose(ReportId id, Object snapshot, String runId) {
        Instant now = clock.instant();
        return switch (id.kind()) {
            case RECONCILIATION -> ReconciliationReport.compose(id.businessDate(), accountDocuments(id.businessDate()),
                    runId, now);
            case RISK -> RiskReport.compose(riskRun(id), List.of(), runId, now);
            case NIGHT -> NightReport.compose((NightSummary) snapshot, runId, now);
        };
    }

    /** {@code results/recon/<date>/<account>/result.json} of every account, by key. */
    private List<StoredObject> accountResults(LocalDate date) {
        String prefix = ReportJob.resultKey(ReportId.of(ReportKind.RECONCILIATION, date));
        return store.list(stagingBucket, prefix).stream()
                .filter(o -> o.ref().key().matches(java.util.regex.Pattern.quote(prefix) + "[^/]+/result\\.json"))
                .toList();
    }

    /** The typed documents; one removed since listing is left out (the next snapshot shows the change). */
    private List<ReconciliationDocument> accountDocuments(LocalDate date) {
        List<ReconciliationDocument> documents = new ArrayList<>();
        for (StoredObject object : accountResults(date)) {
            Optional<ObjectContent> content = store.fetch(object.ref());
            content.ifPresent(c -> documents.add(ReconciliationDocument.read(object.ref().toString(),
                    new ByteArrayInputStream(c.content()))));
        }
        return documents;
    }

    /** The typed run: a missing or renamed field fails the job, naming the object and the field. */
    private VarReport riskRun(ReportId id) {
        ObjectRef ref = ObjectRef.of(stagingBucket, ReportJob.resultKey(id));
        try {
            return VarPipeline.readReport(new ByteArrayInputStream(store.read(ref)));
        } catch (IOException e) {
            throw new IllegalArgumentException(ref + " is not a VaR run (var.json): "
                    + com.nightshift.common.io.DocumentJson.problem(e), e);
        }
    }

    /** The night of {@code date} from what the staging and output buckets hold for it. */
    private NightSummary night(LocalDate date) {
        Map<String, Instant> staging = new LinkedHashMap<>();
        for (String prefix : List.of("staged/ledger/", "staged/statement/", "staged/positions/" + date + "/",
                "staged/market-data/" + date + "/", "results/recon/" + date + "/", "results/risk/" + date + "/")) {
            store.list(stagingBucket, prefix).forEach(o -> staging.put(o.ref().key(), o.lastModified()));
        }
        Map<String, Instant> rendered = new LinkedHashMap<>();
        reports.list(java.util.Optional.empty(), java.util.Optional.of(date))
                .forEach(r -> rendered.put(r.id().value(), r.lastModified()));
        return NightSummary.fromObjects(date, staging, rendered, ReportId.of(ReportKind.NIGHT, date).value());
    }
}
