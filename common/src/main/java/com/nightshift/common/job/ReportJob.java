package com.nightshift.common.job;

/** Asks the reporting service to render the result at (resultBucket, resultKey) as report {@code reportId}. */
public record ReportJob(String jobId, ReportKind kind, String resultBucket, String resultKey, String reportId) {

    public ReportJob {
        JobIds.requireId(jobId, "jobId");
        if (kind == null) {
            throw new IllegalArgumentException("kind must be given");
        }
        if (resultBucket == null || resultBucket.isBlank() || resultKey == null || resultKey.isBlank()) {
            throw new IllegalArgumentException("resultBucket and resultKey must be given");
        }
        JobIds.requireId(reportId, "reportId");
    }
}
