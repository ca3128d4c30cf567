package com.nightshift.reporting.service;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One report in the list {@code GET /reports} answers.
 *
 * @param id           the report id, {@code <kind>-<yyyy-mm-dd>}
 * @param kind         the report kind in lower case, as in the id
 * @param businessDate the business date the report is for, ISO-8601
 * @param size         the PDF's size in bytes
 * @param lastModified when the PDF was last written, ISO-8601 UTC
 * @param etag         the PDF's entity tag, as {@code GET /reports/{id}} sends it (quoted)
 * @param href         where to get the PDF
 */
@Schema(description = "A stored report")
public record ReportSummary(
        @Schema(example = "reconciliation-2026-11-20") String id,
        @Schema(example = "reconciliation") String kind,
        @Schema(example = "2026-11-20") String businessDate,
        @Schema(example = "48213") long size,
        @Schema(example = "2026-11-21T05:12:09Z") String lastModified,
        @Schema(example = "\"9a0364b9e99bb480dd25e1f0284c8555\"") String etag,
        @Schema(example = "/reports/reconciliation-2026-11-20") String href) {
}
