package com.nightshift.reporting.service;

import java.util.List;

/** What {@code GET /reports} answers: the reports that match the query, by id. */
public record ReportIndex(List<ReportSummary> reports) {
}
