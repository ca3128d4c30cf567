package com.nightshift.reporting.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.nightshift.common.job.JobIds;
import com.nightshift.common.storage.ObjectContent;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/** The reports kept in the output bucket, one object {@code reports/<id>.pdf} per report. */
@Singleton
public class ReportStore {

    static final String PREFIX = "reports/";
    private static final String SUFFIX = ".pdf";

    /** One stored report as the index lists it. */
    public record StoredReport(String id, long size, Instant lastModified) {
    }

    private final ObjectStore store;
    private final String bucket;

    public ReportStore(ObjectStore store, @Property(name = "output.bucket") String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    public void save(String reportId, byte[] pdf) {
        store.put(ref(reportId), pdf, "application/pdf");
    }

    public List<StoredReport> list() {
        return store.list(bucket, PREFIX).stream()
                .filter(o -> o.ref().key().endsWith(SUFFIX))
                .map(o -> new StoredReport(o.ref().key().substring(PREFIX.length(), o.ref().key().length() - SUFFIX.length()),
                        o.size(), o.lastModified()))
                .toList();
    }

    /** The PDF of report {@code id}, or empty when there is none (or the id is not a valid report id). */
    public Optional<byte[]> read(String id) {
        if (!JobIds.isValid(id)) {
            return Optional.empty();
        }
        return store.fetch(ref(id)).map(ObjectContent::content);
    }

    private ObjectRef ref(String reportId) {
        return ObjectRef.of(bucket, PREFIX + reportId + SUFFIX);
    }
}
