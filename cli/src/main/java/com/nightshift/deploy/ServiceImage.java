package com.nightshift.deploy;

import java.nio.file.Path;

/**
 * One of the four service images: the Maven module that builds it, its ECR repository and the
 * workload stack parameter that takes its digest.
 */
public enum ServiceImage {
    INGESTION("ingestion-service", "IngestionImageDigest"),
    PROCESSING("processing-service", "ProcessingImageDigest"),
    RISK("risk-calculation", "RiskImageDigest"),
    REPORTING("reporting-service", "ReportingImageDigest");

    private final String module;
    private final String digestParameter;

    ServiceImage(String module, String digestParameter) {
        this.module = module;
        this.digestParameter = digestParameter;
    }

    public String module() {
        return module;
    }

    public String digestParameter() {
        return digestParameter;
    }

    /** {@code ecr-<module>-<suffix>}, as the registry stack names it. */
    public String repository(String suffix) {
        return "ecr-" + module + "-" + suffix;
    }

    /** Where Jib writes the digest of the image it pushed. */
    public Path digestFile(Path projectRoot) {
        return projectRoot.resolve(module).resolve("target").resolve("jib-image.digest");
    }
}
