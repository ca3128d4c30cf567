package com.nightshift.common.job;

import java.time.LocalDate;

/** Asks the risk service to compute VaR and ES for every portfolio staged for a business date. */
public record RiskJob(String jobId, LocalDate businessDate) {

    public RiskJob {
        JobIds.requireId(jobId, "jobId");
        if (businessDate == null) {
            throw new IllegalArgumentException("businessDate must be given");
        }
    }

    public static RiskJob of(LocalDate businessDate) {
        return new RiskJob("risk-" + businessDate, businessDate);
    }
}
