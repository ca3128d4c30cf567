package com.nightshift.common.job;

import java.time.LocalDate;

/**
 * Asks the processing service to reconcile one account for one business date. Carries identifiers
 * only: the staged ledger and statement objects are found under the staging bucket.
 */
public record ReconJob(String jobId, String account, LocalDate businessDate) {

    public ReconJob {
        JobIds.requireId(jobId, "jobId");
        JobIds.requireId(account, "account");
        if (businessDate == null) {
            throw new IllegalArgumentException("businessDate must be given");
        }
    }

    /** The job id is the pair itself, so the same pair asked for twice is the same job. */
    public static ReconJob of(String account, LocalDate businessDate) {
        JobIds.requireId(account, "account");
        return new ReconJob("recon-" + businessDate + "-" + account, account, businessDate);
    }
}
