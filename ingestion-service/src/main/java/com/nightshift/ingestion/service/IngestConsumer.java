package com.nightshift.ingestion.service;

import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import com.nightshift.common.csv.UnreadableFileException;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.job.ObjectCreatedEvent;
import com.nightshift.common.job.ReconJob;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.CodeVersion;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.storage.ObjectContent;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.ingestion.engine.IngestionEngine;
import com.nightshift.ingestion.engine.IngestionOutcome;
import com.nightshift.ingestion.engine.ReconciliationPair;
import com.nightshift.ingestion.engine.StagedObject;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Ingests one inbound file per S3 event: validates it with the {@link IngestionEngine}, writes the
 * staged objects, the rejects and the summary to the staging bucket, and asks the next stages to
 * run. Re-ingesting a file replaces its own outputs (keys derive from the inbound key), and staged
 * objects a corrected file no longer produces are removed, so nothing is counted twice; the
 * (account, date) of a removed ledger or statement object is reconciled again, like one that was staged.
 * A file replaced while it is being ingested is ingested again (see {@link #ingestCurrentVersion}).
 */
@Singleton
public class IngestConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IngestConsumer.class);
    private static final String INBOUND = "inbound/";
    /** A file replaced while it is ingested is ingested again, at most this often, so the newest upload wins. */
    private static final int MAX_ATTEMPTS = 3;

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final BusinessMetrics metrics;
    private final IngestionEngine engine = new IngestionEngine();
    private final String queueUrl;
    private final String stagingBucket;
    private final String reconQueueUrl;
    private final String riskQueueUrl;
    private final Clock clock = Clock.systemUTC();

    public IngestConsumer(ObjectStore store, JobPublisher publisher, ManifestSigner signer, BusinessMetrics metrics,
            @Property(name = "ingest.queue.url") String queueUrl,
            @Property(name = "data.bucket") String dataBucket,
            @Property(name = "staging.bucket") String stagingBucket,
            @Property(name = "recon.queue.url") String reconQueueUrl,
            @Property(name = "risk.queue.url") String riskQueueUrl) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.queueUrl = queueUrl;
        this.stagingBucket = stagingBucket;
        this.reconQueueUrl = reconQueueUrl;
        this.riskQueueUrl = riskQueueUrl;
        LOG.info("ingesting {}{} into {}", dataBucket, "/" + INBOUND, stagingBucket);
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        ObjectCreatedEvent event = ObjectCreatedEvent.parse(message.body());
        MDC.put("jobId", "ingest:" + event.object().key());
        if (!event.object().key().startsWith(INBOUND) || event.object().key().endsWith("/")) {
            LOG.info("ignoring {}: not an inbound file", event.object());
            return;
        }
        try {
            // The file-size limit of the readers, by the size the event reports: a file over it is refused before
            // it is downloaded into memory (a reader would refuse it too, but only after the download).
            InputLimits.DEFAULTS.checkFileSize(event.size());
        } catch (OversizedInputException e) {
            throw new UnreadableFileException(event.object().key() + ": " + e.getMessage(), e);
        }
        // Staged keys removed by any attempt: their pairs run again even if a later attempt did not remove them.
        List<String> removed = new ArrayList<>();
        IngestionOutcome outcome = null;
        for (int attempt = 1; outcome == null; attempt++) {
            Ingested ingested = ingestCurrentVersion(event, message);
            removed.addAll(ingested.removed());
            if (ingested.current()) {
                outcome = ingested.outcome();
            } else if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException(event.object().key() + " kept changing while it was ingested; retrying later");
            }
        }

        // A removed pair re-runs too: without its objects it may be gone entirely, or smaller.
        SortedSet<ReconciliationPair> pairs = new TreeSet<>(outcome.reconciliationPairs());
        removed.forEach(key -> ReconciliationPair.ofStagedKey(key).ifPresent(pairs::add));
        for (ReconciliationPair pair : pairs) {
            publisher.publish(reconQueueUrl, ReconJob.of(pair.account().value(), pair.businessDate()), message.trace());
        }
        for (var date : outcome.riskBusinessDates()) {
            publisher.publish(riskQueueUrl, RiskJob.of(date), message.trace());
        }
    }

    /**
     * What one ingestion of the file wrote: its outcome, the staged keys it removed, and whether the version it
     * read is still the current one after writing.
     */
    private record Ingested(IngestionOutcome outcome, List<String> removed, boolean current) {
    }

    /**
     * Reads the inbound object as it is now, ingests it and writes the outputs; not {@code current} when the
     * object was replaced meanwhile (its ETag changed), so that it is ingested again. Checked after writing: of two
     * runs for one key that race (a file uploaded twice in quick succession, its events taken by two
     * workers), the one that writes last sees the newer version and writes that, so the newest upload wins.
     */
    private Ingested ingestCurrentVersion(ObjectCreatedEvent event, JobMessage message) throws Exception {
        // One GET per candidate key, in order: the key as given, then decoded.
        ObjectContent read = event.candidateObjects().stream().map(store::fetch).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("no object at " + event.object()));
        ObjectRef source = read.object().ref();
        byte[] content = read.content();
        String etag = read.object().etag();
        IngestionOutcome outcome = message.trace().span("ingest",
                () -> engine.ingest(source.key(), new ByteArrayInputStream(content)));

        List<String> removed = removeStagedObjectsNoLongerProduced(outcome);
        for (StagedObject staged : outcome.stagedObjects()) {
            store.put(ObjectRef.of(stagingBucket, staged.key()), staged.content(), StagedObject.CONTENT_TYPE);
        }
        store.put(ObjectRef.of(stagingBucket, outcome.rejects().key()), outcome.rejects().content(),
                StagedObject.CONTENT_TYPE);
        IngestionSummary summary = new IngestionSummary(
                new InputObject(source.bucket(), source.key(), etag, ManifestSigner.sha256(content)),
                outcome.inputType().name(), outcome.sourceId().value(), outcome.counts().rowsRead(),
                outcome.counts().accepted(), outcome.counts().rejected(), outcome.stagedKeys(),
                outcome.rejects().key(), clock.instant(), CodeVersion.current());
        store.put(ObjectRef.of(stagingBucket, outcome.summaryKey()), JsonCodec.writeBytes(summary), "application/json");
        Optional<String> now = store.head(source).map(StoredObject::etag);
        if (now.isPresent() && !now.get().equals(etag)) {
            LOG.info("{} was replaced while it was ingested (ETag {} is now {}); ingesting it again", source, etag,
                    now.get());
            return new Ingested(outcome, removed, false);
        }
        LOG.info("ingested {}: {} rows read, {} accepted, {} rejected, {} staged objects", source,
                summary.rowsRead(), summary.rowsAccepted(), summary.rowsRejected(), outcome.stagedObjects().size());
        metrics.rowsIngested(summary.inputType(), summary.rowsAccepted(), summary.rowsRejected());
        return new Ingested(outcome, removed, true);
    }

    /**
     * A corrected file may no longer contain an (account, date) it had: its old staged rows must go.
     * Returns the keys removed.
     */
    private List<String> removeStagedObjectsNoLongerProduced(IngestionOutcome outcome) {
        ObjectRef previousSummary = ObjectRef.of(stagingBucket, outcome.summaryKey());
        List<String> previous = store.fetch(previousSummary)
                .map(summary -> JsonCodec.read(summary.content(), IngestionSummary.class).stagedKeys())
                .orElse(List.of());
        List<String> removed = previous.stream().filter(key -> !outcome.stagedKeys().contains(key)).toList();
        for (String key : removed) {
            LOG.info("removing {}: the new version of the file no longer produces it", key);
            store.delete(ObjectRef.of(stagingBucket, key));
        }
        return removed;
    }
}
