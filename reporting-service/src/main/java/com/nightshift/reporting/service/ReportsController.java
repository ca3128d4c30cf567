package com.nightshift.reporting.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.storage.ByteRange;
import com.nightshift.common.storage.ObjectStream;
import com.nightshift.common.storage.StoredObject;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The reports API behind the load balancer, for authenticated callers only (a bearer JWT):
 * {@code GET /reports} lists the stored reports, filtered by business date and kind;
 * {@code GET /reports/{id}} sends one PDF, whole or one byte range, or redirects to a short-lived
 * presigned S3 URL when {@link ReportLinks} is on. An id is parsed before anything is asked of S3:
 * a malformed one is 400, an unknown one 404, both as problem details.
 */
@Controller("/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = ReportingApplication.BEARER)
@Tag(name = "reports")
public class ReportsController {

    static final String PDF = "application/pdf";

    private final ReportStore reports;
    private final ReportLinks links;

    public ReportsController(ReportStore reports, ReportLinks links) {
        this.reports = reports;
        this.links = links;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the stored reports", description = "Every report, or those of one business date "
            + "and/or kind, by id.")
    @ApiResponse(responseCode = "200", description = "The matching reports (possibly none)")
    @ApiResponse(responseCode = "400", description = "A malformed date or an unknown kind",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public ReportIndex index(
            @Parameter(description = "Business date, yyyy-mm-dd", example = "2026-11-20") @QueryValue @Nullable String date,
            @Parameter(description = "Report kind, e.g. reconciliation or risk", example = "risk") @QueryValue @Nullable String kind) {
        Optional<LocalDate> businessDate = Optional.ofNullable(date).map(ReportsController::businessDate);
        Optional<ReportKind> reportKind = Optional.ofNullable(kind).map(ReportsController::kind);
        return new ReportIndex(reports.list(reportKind, businessDate).stream()
                .sorted(Comparator.comparing(r -> r.id().value()))
                .map(r -> new ReportSummary(r.id().value(), r.id().kind().name().toLowerCase(Locale.ROOT),
                        r.id().businessDate().toString(), r.size(), String.valueOf(r.lastModified()), quoted(r.etag()),
                        "/reports/" + r.id().value()))
                .toList());
    }

    @Get(uri = "/{id}", produces = PDF)
    @Operation(summary = "Get one report's PDF", description = "The whole PDF, or one byte range of it (Range: "
            + "bytes=first-last); with presigned links configured, a redirect to S3 instead.")
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PDF))
    @ApiResponse(responseCode = "206", description = "The requested byte range of the PDF", content = @Content(mediaType = PDF))
    @ApiResponse(responseCode = "304", description = "The PDF has the entity tag given in If-None-Match")
    @ApiResponse(responseCode = "307", description = "A short-lived presigned S3 URL in Location (when configured)")
    @ApiResponse(responseCode = "400", description = "Not a report id",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "416", description = "The range starts past the end of the PDF",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public HttpResponse<?> report(
            @Parameter(description = "Report id, <kind>-<yyyy-mm-dd>", example = "reconciliation-2026-11-20") @PathVariable String id,
            @Header(HttpHeaders.RANGE) @Nullable String range,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        ReportId reportId = reportId(id);
        String fileName = reportId.value() + ".pdf";
        if (links.enabled()) {
            reports.find(reportId).orElseThrow(() -> notFound(reportId));
            return HttpResponse.temporaryRedirect(links.presign(reports.ref(reportId), fileName))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        ObjectStream pdf = reports.open(reportId, ByteRange.parse(range)).orElseThrow(() -> notFound(reportId));
        StoredObject object = pdf.object();
        String etag = quoted(object.etag());
        if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag))) {
            close(pdf);
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        long lastModified = object.lastModified() == null ? -1 : object.lastModified().toEpochMilli();
        MutableHttpResponse<StreamedFile> response = HttpResponse.ok(
                        new StreamedFile(pdf.content(), MediaType.of(PDF), lastModified, pdf.length()))
                .header(HttpHeaders.CONTENT_DISPOSITION, inline(fileName))
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        pdf.contentRange().ifPresent(contentRange -> response.status(HttpStatus.PARTIAL_CONTENT)
                .header(HttpHeaders.CONTENT_RANGE, contentRange));
        return response;
    }

    /** {@code inline; filename="<name>"}: browsers show the PDF and save it under its report id. */
    static String inline(String fileName) {
        return "inline; filename=\"" + fileName + "\"";
    }

    private static ReportId reportId(String id) {
        try {
            return ReportId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static LocalDate businessDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "date '" + date + "' is not yyyy-mm-dd");
        }
    }

    private static ReportKind kind(String kind) {
        try {
            return ReportId.kind(kind);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static HttpStatusException notFound(ReportId id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no report " + id.value());
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static void close(ObjectStream stream) {
        try {
            stream.close();
        } catch (java.io.IOException e) {
            // The answer is complete without the body; a failed close only loses a pooled connection.
        }
    }
}
