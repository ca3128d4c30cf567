package com.nightshift.reporting.service;

import java.util.List;
import java.util.Map;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/**
 * The reports API behind the load balancer: {@code GET /reports} lists every report,
 * {@code GET /reports/{id}} returns one PDF (404 when there is no such report).
 */
@Controller("/reports")
public class ReportsController {

    private final ReportStore reports;

    public ReportsController(ReportStore reports) {
        this.reports = reports;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, Object>>> index() {
        return Map.of("reports", reports.list().stream().map(r -> Map.<String, Object>of(
                "id", r.id(),
                "size", r.size(),
                "lastModified", String.valueOf(r.lastModified()),
                "href", "/reports/" + r.id())).toList());
    }

    @Get(uri = "/{id}", produces = "application/pdf")
    public HttpResponse<byte[]> report(@PathVariable String id) {
        return reports.read(id)
                .map(pdf -> HttpResponse.ok(pdf).contentType("application/pdf")
                        .header("Content-Disposition", "inline; filename=\"" + id + ".pdf\""))
                .orElseGet(HttpResponse::notFound);
    }
}
