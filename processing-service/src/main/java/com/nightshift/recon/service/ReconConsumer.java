package com.nightshift.recon.service;

import com.nightshift.common.storage.S3OutputSink;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.job.ReconJob;
import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.storage.ObjectContent;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.reconciliation.AccountReconciliation;
import com.nightshift.reconciliation.MatchRule;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reconciliation.ReconciliationPipeline;
import com.nightshift.reconciliation.ReconciliationPipeline.Ageing;
import com.nightshift.common.io.InputSource;
import com.nightshift.reconciliation.ReconciliationRules;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Reconciles one (account, business date) with the {@link ReconciliationPipeline}, the same path as
 * {@code bin/nightshift reconcile}: the staged ledger and statement objects of the pair, and the open items
 * the account's latest earlier night left (docs/architecture.md, "The open-items store"). Writes the
 * pipeline's files and {@code result.json} under {@code results/recon/<date>/<account>/}, stores the open
 * items this night leaves, and asks for the reconciliation report of the date (every account of it).
 * {@code result.json} is signed over its whole content with the application secret's key
 * ({@link ManifestSigner}, docs/audit.md).
 *
 * <ul>
 *   <li>One side staged is enough: its entries become open items for a later night.
 *   <li>Neither side staged (a corrected file took the pair away): the pair's results and open-items state
 *       are removed.
 *   <li>When the open items this night leaves differ from what was stored for it, the account's next later
 *       night that has run is asked to run again, since it started from them.
 * </ul>
 * A rerun of a night starts from the state before that night, so doing a job twice leaves one result.
 */
@Singleton
public class ReconConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReconConsumer.class);
    /** Inputs that change while being read are read again, at most this often, so the newest result wins. */
    private static final int MAX_ATTEMPTS = 3;
    static final String RESULT = "result.json";
    static final String OPEN_ITEMS_PREFIX = "open-items/";

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final ManifestSigner signer;
    private final BusinessMetrics metrics;
    private final ReconciliationRules rules = ReconciliationRules.defaults();
    private final String queueUrl;
    private final String stagingBucket;
    private final String reportQueueUrl;
    private final Clock clock = Clock.systemUTC();

    public ReconConsumer(ObjectStore store, JobPublisher publisher, ManifestSigner signer, BusinessMetrics metrics,
            @Property(name = "recon.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket,
            @Property(name = "report.queue.url") String reportQueueUrl) {
        this.store = store;
        this.publisher = publisher;
        this.signer = signer;
        this.metrics = metrics;
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

    /** {@code results/recon/<date>/<account>/}: every file of one night's reconciliation of one account. */
    static String resultPrefix(String account, LocalDate date) {
        return "results/recon/" + date + "/" + account + "/";
    }

    /** {@code open-items/<account>/<date>/open_items.csv}: what was left open after that night. */
    static String openItemsKey(String account, LocalDate date) {
        return OPEN_ITEMS_PREFIX + account + "/" + date + "/" + ReconciliationPipeline.OPEN_ITEMS;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        ReconJob job = JsonCodec.read(message.body(), ReconJob.class);
        MDC.put("jobId", job.jobId());
        String suffix = job.account() + "/" + job.businessDate() + "/";
        // The state as this job found it: a later night is rerun only if this job changes it.
        Optional<String> before = stateDigest(job.account(), job.businessDate());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<StoredObject> ledgerObjects = store.list(stagingBucket, "staged/ledger/" + suffix);
            List<StoredObject> statementObjects = store.list(stagingBucket, "staged/statement/" + suffix);
            if (ledgerObjects.isEmpty() && statementObjects.isEmpty()) {
                withdraw(job, message);
                return;
            }
            Optional<Run> run = message.trace().span("reconcile", () -> reconcile(job, ledgerObjects, statementObjects));
            // Checked after writing, so that a file staged while this run read or wrote runs it again.
            if (run.isEmpty() || !unchanged(ledgerObjects, "staged/ledger/" + suffix)
                    || !unchanged(statementObjects, "staged/statement/" + suffix)) {
                LOG.info("{}: inputs changed while reading (attempt {}); reading again", job.jobId(), attempt);
                continue;
            }
            // Reported for the run that stands only: a run whose inputs changed is read again above.
            metrics.reconciled(run.get().matchesByRule(), run.get().unmatchedLedger(), run.get().unmatchedStatement());
            askForReport(job, message);
            if (!Objects.equals(before, Optional.ofNullable(run.get().openItemsDigest()))) {
                rerunNextNight(job, message);
            }
            return;
        }
        throw new IllegalStateException(job.jobId() + ": staged inputs kept changing; retrying later");
    }

    /**
     * The reconciliation report of the job's date is rendered again from every account result of that date
     * (the reporting service lists them), so it shows this account's new result beside the others.
     */
    private void askForReport(ReconJob job, JobMessage message) {
        publisher.publish(reportQueueUrl, ReportJob.of(job.jobId(),
                ReportId.of(ReportKind.RECONCILIATION, job.businessDate()), stagingBucket), message.trace());
    }

    /**
     * What one run wrote that the caller needs: the SHA-256 of the open items it stored, and what it matched
     * (by rule id) and left unmatched, for the business metrics.
     */
    private record Run(String openItemsDigest, Map<String, Long> matchesByRule, long unmatchedLedger,
            long unmatchedStatement) {
    }

    /** Reads, reconciles and writes; empty when an input went away between listing and reading. */
    private Optional<Run> reconcile(ReconJob job, List<StoredObject> ledgerObjects, List<StoredObject> statementObjects)
            throws Exception {
        String account = job.account();
        LocalDate date = job.businessDate();
        List<InputObject> read = new ArrayList<>();
        Optional<List<InputSource>> ledger = fetch(ledgerObjects, read);
        Optional<List<InputSource>> statement = fetch(statementObjects, read);
        Optional<StoredObject> carriedState = latestStateBefore(account, date);
        Optional<List<InputSource>> carried = fetch(carriedState.stream().toList(), read);
        if (ledger.isEmpty() || statement.isEmpty() || carried.isEmpty()) {
            return Optional.empty();
        }

        String prefix = resultPrefix(account, date);
        String stateKey = openItemsKey(account, date);
        String accountFolder = account + "/";
        S3OutputSink sink = new S3OutputSink(store, stagingBucket, name -> {
            if (name.equals(ReconciliationPipeline.OPEN_ITEMS)) {
                return stateKey;
            }
            if (name.startsWith(accountFolder)) {
                return prefix + name.substring(accountFolder.length());
            }
            return prefix + name; // rejects/<input>.csv
        });
        ReconciliationPipeline.Outcome outcome = ReconciliationPipeline.run(ledger.get(), statement.get(), carried.get(),
                rules, Optional.of(date), Ageing.BY_NIGHT, sink, Runtime.getRuntime().availableProcessors());
        AccountReconciliation result = outcome.result().accounts().stream()
                .filter(a -> a.account().value().equals(account)).findFirst()
                .orElseGet(() -> new AccountReconciliation(AccountId.of(account), date, List.of(), List.of(), List.of()));

        ResultManifest manifest = ResultManifest.unsigned(read, parameters(account, date, carriedState),
                clock.instant());
        // Signed over the whole document, so that no figure can change without breaking the signature.
        sink.put(prefix + RESULT, ReconciliationDocument.write(
                signer.sign(ReconciliationDocument.of(result, rules, outcome.rejectedRows(), manifest))));
        // A rerun may write fewer files (a rejects file of an input that has gone): the prefix keeps this run's only.
        for (StoredObject old : store.list(stagingBucket, prefix)) {
            if (!sink.written().containsKey(old.ref().key())) {
                store.delete(old.ref());
            }
        }
        LOG.info("{}: {} ledger and {} statement entries, {} open items of earlier nights, {} rejected; matched {}; "
                + "open: {} ledger, {} statement", job.jobId(), outcome.ledgerEntries(), outcome.statementEntries(),
                outcome.openItemsIn(), outcome.rejectedRows(), matchesByRule(outcome), result.unmatchedLedger().size(),
                result.unmatchedStatement().size());
        Map<String, Long> matches = new LinkedHashMap<>();
        outcome.matchesByRule().forEach((rule, count) -> matches.put(rule.id(), count));
        return Optional.of(new Run(sink.written().get(stateKey), matches, result.unmatchedLedger().size(),
                result.unmatchedStatement().size()));
    }

    private Map<String, String> parameters(String account, LocalDate date, Optional<StoredObject> carriedState) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("account", account);
        parameters.put("businessDate", date.toString());
        parameters.put("rules", rules.enabled().stream().map(MatchRule::id).collect(Collectors.joining(",")));
        parameters.put("valueDateWindowBusinessDays", Integer.toString(rules.valueDateWindowBusinessDays()));
        parameters.put("toleranceAbsolute", rules.tolerance().absolute().toPlainString());
        parameters.put("toleranceBasisPoints", rules.tolerance().basisPoints().toPlainString());
        parameters.put("aggregateMaxEntries", Integer.toString(rules.aggregate().maxEntries()));
        parameters.put("openItems", carriedState.map(o -> o.ref().key()).orElse("none"));
        return parameters;
    }

    private static String matchesByRule(ReconciliationPipeline.Outcome outcome) {
        return outcome.matchesByRule().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /** Each object's bytes as a pipeline input named by its key; empty when one is gone. */
    private Optional<List<InputSource>> fetch(List<StoredObject> objects, List<InputObject> read) {
        List<InputSource> inputs = new ArrayList<>();
        for (StoredObject object : objects) {
            Optional<ObjectContent> content = store.fetch(object.ref());
            if (content.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = content.get().content();
            read.add(new InputObject(object.ref().bucket(), object.ref().key(), content.get().object().etag(),
                    ManifestSigner.sha256(bytes)));
            inputs.add(new InputSource(object.ref().key(), () -> new ByteArrayInputStream(bytes)));
        }
        return Optional.of(inputs);
    }

    /** The open-items state of the account's latest night before {@code date}, if any night before it ran. */
    private Optional<StoredObject> latestStateBefore(String account, LocalDate date) {
        StoredObject latest = null;
        LocalDate latestDate = null;
        for (StoredObject object : store.list(stagingBucket, OPEN_ITEMS_PREFIX + account + "/")) {
            Optional<LocalDate> night = nightOf(object.ref().key(), account);
            if (night.isPresent() && night.get().isBefore(date) && (latestDate == null || night.get().isAfter(latestDate))) {
                latest = object;
                latestDate = night.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The night of an open-items key of {@code account}, or empty for any other key. */
    static Optional<LocalDate> nightOf(String key, String account) {
        String start = OPEN_ITEMS_PREFIX + account + "/";
        String end = "/" + ReconciliationPipeline.OPEN_ITEMS;
        if (!key.startsWith(start) || !key.endsWith(end) || key.length() <= start.length() + end.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(key.substring(start.length(), key.length() - end.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Optional<String> stateDigest(String account, LocalDate date) {
        return store.fetch(ObjectRef.of(stagingBucket, openItemsKey(account, date)))
                .map(content -> ManifestSigner.sha256(content.content()));
    }

    /** Neither side is staged any more: this night of the account no longer exists. */
    private void withdraw(ReconJob job, JobMessage message) {
        List<StoredObject> results = store.list(stagingBucket, resultPrefix(job.account(), job.businessDate()));
        results.forEach(o -> store.delete(o.ref()));
        ObjectRef state = ObjectRef.of(stagingBucket, openItemsKey(job.account(), job.businessDate()));
        boolean hadState = store.head(state).isPresent();
        if (hadState) {
            store.delete(state);
        }
        LOG.info("{}: neither ledger nor statement staged for {} on {}; removed {} result files{}", job.jobId(),
                job.account(), job.businessDate(), results.size(), hadState ? " and the open-items state" : "");
        if (!results.isEmpty()) {
            askForReport(job, message);
        }
        if (hadState) {
            rerunNextNight(job, message);
        }
    }

    /** The account's next night that has run started from this night's open items: it runs again. */
    private void rerunNextNight(ReconJob job, JobMessage message) {
        LocalDate next = null;
        for (StoredObject object : store.list(stagingBucket, OPEN_ITEMS_PREFIX + job.account() + "/")) {
            Optional<LocalDate> night = nightOf(object.ref().key(), job.account());
            if (night.isPresent() && night.get().isAfter(job.businessDate()) && (next == null || night.get().isBefore(next))) {
                next = night.get();
            }
        }
        if (next != null) {
            LOG.info("{}: open items after {} changed; {} runs again", job.jobId(), job.businessDate(), next);
            publisher.publish(queueUrl, ReconJob.of(job.account(), next), message.trace());
        }
    }

    private boolean unchanged(List<StoredObject> before, String prefix) {
        List<String> now = store.list(stagingBucket, prefix).stream().map(o -> o.ref().key() + "@" + o.etag()).toList();
        return now.equals(before.stream().map(o -> o.ref().key() + "@" + o.etag()).toList());
    }
}
