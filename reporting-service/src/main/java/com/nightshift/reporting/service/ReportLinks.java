package com.nightshift.reporting.service;

import java.net.URI;
import java.time.Duration;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.storage.ObjectRef;

import io.micronaut.context.annotation.Property;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Short-lived presigned S3 GET URLs for reports, when {@code REPORTS_PRESIGN_SECONDS} (from the task
 * definition) is above zero: the API then redirects to S3 instead of relaying the bytes. Zero or
 * absent means the API streams every report itself. The presigner is made on first use, not at startup.
 */
@Singleton
public class ReportLinks implements AutoCloseable {

    /** S3 accepts presigned URLs valid up to 7 days; a report link is meant to be used at once. */
    static final int MAX_SECONDS = 3600;

    private final Duration validity;
    private final AwsEndpoint endpoint;
    private S3Presigner presigner;

    public ReportLinks(@Property(name = "reports.presign.seconds", defaultValue = "0") int seconds, AwsClients clients) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("REPORTS_PRESIGN_SECONDS must be 0 (stream reports) to "
                    + MAX_SECONDS + ", not " + seconds);
        }
        this.validity = Duration.ofSeconds(seconds);
        this.endpoint = clients.endpoint();
    }

    /** True when reports are answered with a redirect to S3. */
    public boolean enabled() {
        return !validity.isZero();
    }

    /** How long a link stays valid. */
    public Duration validity() {
        return validity;
    }

    /** A GET URL for {@code ref}, valid for {@link #validity()}, that answers with a PDF inline under {@code fileName}. */
    public synchronized URI presign(ObjectRef ref, String fileName) {
        if (presigner == null) {
            S3Presigner.Builder builder = S3Presigner.builder()
                    .region(endpoint.region())
                    .credentialsProvider(endpoint.credentials())
                    // Path-style on an emulator, as the S3 client (AwsClients#s3).
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.isEmulator()).build());
            endpoint.endpointOverride().ifPresent(builder::endpointOverride);
            presigner = builder.build();
        }
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(ref.bucket()).key(ref.key())
                        .responseContentType(ReportsController.PDF)
                        .responseContentDisposition(ReportsController.inline(fileName))))
                .url().toString());
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (presigner != null) {
            presigner.close();
        }
    }
}
