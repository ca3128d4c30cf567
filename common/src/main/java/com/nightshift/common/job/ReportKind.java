package com.nightshift.common.job;

/** The kinds of result a report can be rendered from. */
public enum ReportKind {
    RECONCILIATION,
    RISK
}
