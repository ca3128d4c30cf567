package com.nightshift.common.job;

/**
 * The kinds of report, one of each per business date ({@link ReportId}): what each is rendered from
 * is in docs/architecture.md ("Reports").
 */
public enum ReportKind {
    /** Every account's reconciliation of the date, from {@code results/recon/<date>/<account>/result.json}. */
    RECONCILIATION,
    /** The date's VaR and ES run, from {@code results/risk/<date>/var.json}. */
    RISK,
    /** One page on the night: inputs, jobs and reports of the date against the 09:30 New York deadline. */
    NIGHT
}
