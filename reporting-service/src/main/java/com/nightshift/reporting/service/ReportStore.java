package com.nightshift.reporting.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nightshift.common.job.ReportId;
import com.nightshift.common.job.ReportKind;
import com.nightshift.common.storage.ByteRange;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.ObjectStream;
import com.nightshift.common.storage.StoredObject;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * The reports kept in the output bucket, one object {@code reports/<id>.pdf} per report. Reads take a
 * parsed {@link ReportId}, so no request can name another key; listing skips objects whose names are
 * not report ids (stale objects of an older naming), and takes kind and business date from the name
 * rather than from a request per object.
 */
@Singleton
public class ReportStore {

    static final String PREFIX = "reports/";
    private static final String SUFFIX = ".pdf";

    /** One stored report as the index lists it. */
    public record StoredReport(ReportId id, long size, Instant lastModified, String etag) {
    }

    private final ObjectStore store;
    private final String bucket;

    public ReportStore(ObjectStore store, @Property(name = "output.bucket") String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** Keeps {@code pdf} as report {@code reportId}, replacing an older rendering of it. */
    public void save(String reportId, byte[] pdf) {
        store.put(ObjectRef.of(bucket, PREFIX + reportId + SUFFIX), pdf, "application/pdf");
    }

    /** The reports of {@code kind} and {@code businessDate} (each when given), by id. */
    public List<StoredReport> list(Optional<ReportKind> kind, Optional<LocalDate> businessDate) {
        String prefix = PREFIX + kind.map(k -> k.name().toLowerCase(Locale.ROOT) + "-").orElse("");
        List<StoredReport> reports = new ArrayList<>();
        for (StoredObject object : store.list(bucket, prefix)) {
            idOf(object.ref().key())
                    .filter(id -> kind.isEmpty() || kind.get() == id.kind())
                    .filter(id -> businessDate.isEmpty() || businessDate.get().equals(id.businessDate()))
                    .ifPresent(id -> reports.add(new StoredReport(id, object.size(), object.lastModified(), object.etag())));
        }
        return reports;
    }

    /**
     * The PDF of report {@code id}, or the part {@code range} names, streamed from S3; empty when there
     * is no such report.
     *
     * @throws com.nightshift.common.storage.RangeNotSatisfiableException when the range starts past the end
     */
    public Optional<ObjectStream> open(ReportId id, Optional<ByteRange> range) {
        return store.stream(ref(id), range);
    }

    /** What S3 says about report {@code id}, or empty when there is none. */
    public Optional<StoredObject> find(ReportId id) {
        return store.head(ref(id));
    }

    /** Where report {@code id} is kept. */
    public ObjectRef ref(ReportId id) {
        return ObjectRef.of(bucket, PREFIX + id.value() + SUFFIX);
    }

    /** The report id an object key names, or empty for anything else under the prefix. */
    static Optional<ReportId> idOf(String key) {
        if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String name = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        try {
            ReportId id = ReportId.parse(name);
            // Only the canonical spelling: a key that parses but is written otherwise is not ours.
            return id.value().equals(name) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException notAReport) {
            return Optional.empty();
        }
    }
}
