package com.nightshift.recon.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.job.ReconJob;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StagedInputs;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.recon.engine.ExactMatchRule;
import com.nightshift.recon.engine.ReconciliationEngine;
import com.nightshift.recon.engine.ReconciliationResult;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Reconciles one (account, business date) when both sides are staged, writes the result with its
 * manifest, and asks for the report. With one side missing it does nothing: the other side's arrival
 * sends the job again.
 */
@Singleton
public class ReconConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReconConsumer.class);
    /** Inputs that change while being read are read again, at most this often, so the newest result wins. */
    private static final int MAX_ATTEMPTS = 3;

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final ManifestSigner signer;
    private final ReconciliationEngine engine = ReconciliationEngine.exactMatching();
    private final TransactionCsvCodec codec = new TransactionCsvCodec();
    private final String queueUrl;
    private final String stagingBucket;
    private final String reportQueueUrl;
    private final Clock clock = Clock.systemUTC();

    public ReconConsumer(ObjectStore store, JobPublisher publisher, ManifestSigner signer,
            @Property(name = "recon.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket,
            @Property(name = "report.queue.url") String reportQueueUrl) {
        this.store = store;
        this.publisher = publisher;
        this.signer = signer;
        this.queueUrl = queueUrl;
        this.stagingBucket = stagingBucket;
        this.reportQueueUrl = reportQueueUrl;
    }

    @Override
    public String name() {
        return "recon";
    }

    @Override
    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        ReconJob job = JsonCodec.read(message.body(), ReconJob.class);
        MDC.put("jobId", job.jobId());
        String suffix = job.account() + "/" + job.businessDate() + "/";
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<StoredObject> ledgerObjects = store.list(stagingBucket, "staged/ledger/" + suffix);
            List<StoredObject> statementObjects = store.list(stagingBucket, "staged/statement/" + suffix);
            if (ledgerObjects.isEmpty() || statementObjects.isEmpty()) {
                LOG.info("{}: {} staged; waiting for the other side", job.jobId(),
                        ledgerObjects.isEmpty() ? "no ledger" : "no statement");
                return;
            }
            StagedInputs inputs = new StagedInputs(store);
            List<Transaction> ledger = inputs.read(ledgerObjects, codec);
            List<Transaction> statement = inputs.read(statementObjects, codec);
            if (!unchanged(ledgerObjects, "staged/ledger/" + suffix) || !unchanged(statementObjects, "staged/statement/" + suffix)) {
                LOG.info("{}: inputs changed while reading (attempt {}); reading again", job.jobId(), attempt);
                continue;
            }
            ReconciliationResult result = engine.reconcile(AccountId.of(job.account()), job.businessDate(), ledger, statement);
            ResultManifest manifest = signer.sign(ResultManifest.unsigned(inputs.inputs(),
                    Map.of("rules", ExactMatchRule.NAME, "account", job.account(),
                            "businessDate", job.businessDate().toString()), null, clock.instant()));
            String resultKey = "results/recon/" + job.businessDate() + "/" + job.account() + "/result.json";
            store.put(ObjectRef.of(stagingBucket, resultKey),
                    JsonCodec.writeBytes(ReconciliationDocument.of(result, List.of(ExactMatchRule.NAME), manifest)),
                    "application/json");
            LOG.info("{}: {} ledger, {} statement, {} matched, {} + {} unmatched", job.jobId(),
                    result.counts().ledgerRows(), result.counts().statementRows(), result.counts().matched(),
                    result.counts().unmatchedLedger(), result.counts().unmatchedStatement());
            publisher.publish(reportQueueUrl, new ReportJob(job.jobId(), ReportKind.RECONCILIATION, stagingBucket,
                    resultKey, "recon-" + job.businessDate() + "-" + job.account()), message.trace());
            return;
        }
        throw new IllegalStateException(job.jobId() + ": staged inputs kept changing; retrying later");
    }

    private boolean unchanged(List<StoredObject> before, String prefix) {
        List<String> now = store.list(stagingBucket, prefix).stream().map(o -> o.ref().key() + "@" + o.etag()).toList();
        return now.equals(before.stream().map(o -> o.ref().key() + "@" + o.etag()).toList());
    }
}
