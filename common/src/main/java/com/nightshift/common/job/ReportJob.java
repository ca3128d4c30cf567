package com.nightshift.common.job;

/**
 * Asks the reporting service to render report {@code reportId} (a {@link ReportId}) from the results at
 * (resultBucket, resultKey). Each kind is rendered from fixed locations of its business date
 * ({@link #resultKey(ReportId)}), so a job names the report and the location only confirms it.
 */
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

    /** The job that renders {@code report} from the results in {@code stagingBucket}. */
    public static ReportJob of(String jobId, ReportId report, String stagingBucket) {
        return new ReportJob(jobId, report.kind(), stagingBucket, resultKey(report), report.value());
    }

    /**
     * Where the results of {@code report} are in the staging bucket: the prefix holding every account's
     * {@code <account>/result.json} for a reconciliation report, {@code var.json} for a risk report, and for
     * the night summary the prefix of the date's results (it also reads the staged inputs and the reports).
     */
    public static String resultKey(ReportId report) {
        String date = report.businessDate().toString();
        return switch (report.kind()) {
            case RECONCILIATION -> "results/recon/" + date + "/";
            case RISK -> "results/risk/" + date + "/var.json";
            case NIGHT -> "results/";
        };
    }
}
