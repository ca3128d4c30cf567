package com.nightshift.reporting.service;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.job.ReportJob;
import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.reporting.ReportComposer;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportRenderer;
import com.nightshift.shell.QueueConsumer;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Renders one report per message from the result it points at and keeps it in the output bucket
 * under its report id, replacing an older rendering of the same report.
 */
@Singleton
public class ReportConsumer implements QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportConsumer.class);

    private final ObjectStore store;
    private final ReportStore reports;
    private final ReportRenderer renderer = new ReportRenderer();
    private final String queueUrl;
    private final String stagingBucket;
    private final Clock clock = Clock.systemUTC();

    public ReportConsumer(ObjectStore store, ReportStore reports,
            @Property(name = "report.queue.url") String queueUrl,
            @Property(name = "staging.bucket") String stagingBucket) {
        this.store = store;
        this.reports = reports;
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
        if (!job.resultBucket().equals(stagingBucket)) {
            throw new IllegalArgumentException("report " + job.reportId() + ": results are read from "
                    + stagingBucket + " only, not " + job.resultBucket());
        }
        byte[] result = store.read(ObjectRef.of(job.resultBucket(), job.resultKey()));
        ReportDocument document = switch (job.kind()) {
            case RECONCILIATION -> ReportComposer.reconciliation(JsonCodec.tree(result), job.jobId(), clock.instant());
            case RISK -> ReportComposer.risk(riskResult(job, result), job.jobId(), clock.instant());
        };
        byte[] pdf = renderer.render(document);
        reports.save(job.reportId(), pdf);
        LOG.info("report {} rendered ({} bytes) from {}", job.reportId(), pdf.length, job.resultKey());
    }

    /** The typed risk result: a missing or renamed field fails the job instead of printing a zero. */
    private static PortfolioRiskDocument riskResult(ReportJob job, byte[] content) {
        try {
            return VarPipeline.readPortfolio(new java.io.ByteArrayInputStream(content));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("report " + job.reportId() + ": " + job.resultKey()
                    + " is not a portfolio risk result: " + e.getMessage(), e);
        }
    }
}
