package com.nightshift.reporting.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.notify.NightCompleteNotice;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.reporting.NightSummary;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Announces on the job topic, once per business date, that a night is complete. The reporting service asks
 * after every rendering of a night summary, with the summary it has just rendered and saved.
 *
 * <p><b>Complete</b> means that everything staged for the date has become a result and every result a
 * report: every account with a ledger or statement staged for the date has a reconciliation result no
 * older than its staged inputs, there is a risk run no older than the positions and market data staged
 * for the date, the reconciliation report is no older than the newest reconciliation result, the risk
 * report no older than the risk run, and the night summary itself has just been saved. A night with no
 * account or no risk run is not complete.
 *
 * <p><b>Once per date.</b> The first rendering that finds the night complete claims the marker
 * {@code notices/night-complete/<date>.json} in the output bucket with a conditional write (S3
 * {@code If-None-Match: *}), and only the claimant publishes; a later rendering of the date (a corrected
 * file, a repeated delivery) finds the marker and stays silent. If publishing fails, the claimant removes the
 * marker again so that the next rendering of the date tries again.
 *
 * <p>The announcement is also a business metric ({@link BusinessMetrics#nightComplete}): one night completed
 * and the time left before its deadline, which the deadline alarms watch.
 */
@Singleton
public class NightCompletion {

    /** Where the marker of an announced date is kept in the output bucket. */
    static final String MARKER_PREFIX = "notices/night-complete/";

    private static final Logger LOG = LoggerFactory.getLogger(NightCompletion.class);
    /** The job names {@link NightSummary#fromObjects} gives the results of a date. */
    private static final String RECONCILIATION_JOB = "reconciliation of ";
    private static final String RISK_JOB = "risk run (VaR and ES)";

    private final ObjectStore store;
    private final String outputBucket;
    private final JobNotifications notifications;
    private final BusinessMetrics metrics;
    private final Clock clock;

    public NightCompletion(ObjectStore store, @Property(name = "output.bucket") String outputBucket,
            JobNotifications notifications, BusinessMetrics metrics) {
        this(store, outputBucket, notifications, metrics, Clock.systemUTC());
    }

    NightCompletion(ObjectStore store, String outputBucket, JobNotifications notifications, BusinessMetrics metrics,
            Clock clock) {
        this.store = store;
        this.outputBucket = outputBucket;
        this.notifications = notifications;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Announces the night of {@code night} when it is complete and not yet announced.
     *
     * @return true when this call announced it
     */
    public boolean announceIfComplete(NightSummary night) {
        if (!complete(night)) {
            return false;
        }
        LocalDate date = night.businessDate();
        List<String> reportIds = new ArrayList<>(night.reports().stream().map(NightSummary.Event::name).toList());
        reportIds.add(ReportId.of(ReportKind.NIGHT, date).value());
        NightCompleteNotice notice = NightCompleteNotice.of(date, reportIds, clock.instant(), night.deadline().toInstant());
        ObjectRef marker = ObjectRef.of(outputBucket, MARKER_PREFIX + date + ".json");
        if (!store.putIfAbsent(marker, JsonCodec.writeBytes(notice), "application/json")) {
            LOG.info("night {} is complete and was announced before", date);
            return false;
        }
        if (!notifications.nightComplete(notice)) {
            store.delete(marker);
            return false;
        }
        metrics.nightComplete(Duration.ofSeconds(notice.secondsBeforeDeadline()));
        LOG.info("night {} complete, {} s before the deadline: {}", date, notice.secondsBeforeDeadline(),
                new String(JsonCodec.writeBytes(notice), StandardCharsets.UTF_8));
        return true;
    }

    /** True when {@code night} is complete in the sense of this class's comment. */
    static boolean complete(NightSummary night) {
        LocalDate date = night.businessDate();
        Map<String, Instant> staged = latestByAccount(night.inputs());
        Map<String, Instant> reconciled = new TreeMap<>();
        Optional<Instant> risk = Optional.empty();
        for (NightSummary.Event job : night.jobs()) {
            if (job.name().startsWith(RECONCILIATION_JOB)) {
                reconciled.put(job.name().substring(RECONCILIATION_JOB.length()), job.at());
            } else if (job.name().equals(RISK_JOB)) {
                risk = Optional.of(job.at());
            }
        }
        if (staged.isEmpty() || risk.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Instant> account : staged.entrySet()) {
            Instant result = reconciled.get(account.getKey());
            if (result == null || result.isBefore(account.getValue())) {
                return false;
            }
        }
        Optional<Instant> riskInputs = night.inputs().stream()
                .filter(i -> i.name().startsWith("positions/") || i.name().startsWith("market-data/"))
                .map(NightSummary.Event::at).max(Instant::compareTo);
        if (riskInputs.isPresent() && risk.get().isBefore(riskInputs.get())) {
            return false;
        }
        Instant newestReconciliation = reconciled.values().stream().max(Instant::compareTo).orElseThrow();
        return reportNoOlderThan(night, ReportId.of(ReportKind.RECONCILIATION, date).value(), newestReconciliation)
                && reportNoOlderThan(night, ReportId.of(ReportKind.RISK, date).value(), risk.get());
    }

    /** Account to its newest staged ledger or statement ({@code ledger/<account>/...}, {@code statement/<account>/...}). */
    private static Map<String, Instant> latestByAccount(List<NightSummary.Event> inputs) {
        Map<String, Instant> latest = new TreeMap<>();
        for (NightSummary.Event input : inputs) {
            String[] parts = input.name().split("/");
            if (parts.length > 2 && (parts[0].equals("ledger") || parts[0].equals("statement"))) {
                latest.merge(parts[1], input.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return latest;
    }

    private static boolean reportNoOlderThan(NightSummary night, String reportId, Instant result) {
        return night.reports().stream().anyMatch(r -> r.name().equals(reportId) && !r.at().isBefore(result));
    }
}
