package com.nightshift.reporting.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET /reports} answers: the reports that match the query, by id. The list is written
 * even when empty ({@code {"reports":[]}}): Micronaut leaves empty values out by default.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportIndex(List<ReportSummary> reports) {
}
