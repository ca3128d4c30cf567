package com.nightshift.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nightshift.common.json.JsonCodec;

/**
 * What ECR says about the scan of one image: a DescribeImageScanFindings answer ({@code aws ecr
 * describe-image-scan-findings --output json}) read into typed records, with basic scanning's
 * {@code findings} and Amazon Inspector's {@code enhancedFindings} brought to one {@link Finding} shape.
 * Pages of one image join with {@link #followedBy}. Immutable.
 *
 * @param status            {@code imageScanStatus.status}, e.g. COMPLETE, IN_PROGRESS, FAILED, ACTIVE
 * @param statusDescription {@code imageScanStatus.description}, empty when ECR gives none
 * @param severityCounts    {@code imageScanFindings.findingSeverityCounts}: ECR's count per severity name
 *                          (UNDEFINED and UNTRIAGED included), over all pages
 * @param findings          the findings of the pages read so far, basic and enhanced
 * @param nextToken         the token of the next page, when there is one
 */
public record ScanFindings(String status, String statusDescription, Map<String, Integer> severityCounts,
        List<Finding> findings, Optional<String> nextToken) {

    public ScanFindings {
        severityCounts = Map.copyOf(severityCounts);
        findings = List.copyOf(findings);
        nextToken = nextToken == null ? Optional.empty() : nextToken.filter(t -> !t.isEmpty());
    }

    /** Basic scanning has finished, or Inspector scans the image continuously: the findings are there. */
    public boolean complete() {
        return status.equals("COMPLETE") || status.equals("ACTIVE");
    }

    /** The scan has not finished yet: worth looking again. */
    public boolean inProgress() {
        return status.equals("IN_PROGRESS") || status.equals("PENDING");
    }

    /** This page's findings after {@code this}'s, with the next page's token; status and counts stay this page's. */
    public ScanFindings followedBy(ScanFindings next) {
        return new ScanFindings(status, statusDescription, severityCounts,
                Stream.concat(findings.stream(), next.findings().stream()).toList(), next.nextToken());
    }

    /**
     * Reads one page of a DescribeImageScanFindings answer about {@code image}.
     *
     * @throws IllegalStateException naming {@code image} when the answer is not JSON or has no scan status
     */
    public static ScanFindings read(String json, String image) {
        Answer answer;
        try {
            answer = JsonCodec.mapper().readValue(json, Answer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(image + ": aws ecr describe-image-scan-findings answered something that"
                    + " is not a DescribeImageScanFindings answer: " + e.getOriginalMessage(), e);
        }
        if (answer == null || answer.imageScanStatus() == null || answer.imageScanStatus().status() == null) {
            throw new IllegalStateException(image + ": aws ecr describe-image-scan-findings answered without"
                    + " imageScanStatus.status");
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        FindingsJson scan = answer.imageScanFindings();
        if (scan != null) {
            scan.findings().forEach(f -> findings.add(f.toFinding()));
            scan.enhancedFindings().forEach(f -> findings.add(f.toFinding()));
            counts.putAll(scan.findingSeverityCounts());
        }
        return new ScanFindings(answer.imageScanStatus().status(),
                Optional.ofNullable(answer.imageScanStatus().description()).orElse(""), counts, findings,
                Optional.ofNullable(answer.nextToken()));
    }

    /**
     * One vulnerability in an image, from either kind of scan.
     *
     * @param id       the CVE or other vulnerability id ({@code name} of a basic finding,
     *                 {@code packageVulnerabilityDetails.vulnerabilityId} of an enhanced one)
     * @param severity the severity as ECR reports it, UNDEFINED or UNTRIAGED included
     * @param packages the affected packages, each {@code "<name> <version>"} when the scan names them
     * @param uri      where the vulnerability is described, when the scan gives a link
     */
    public record Finding(String id, String severity, List<String> packages, Optional<String> uri) {

        public Finding {
            id = id == null || id.isBlank() ? "(unnamed finding)" : id;
            severity = severity == null || severity.isBlank() ? "UNDEFINED" : severity;
            packages = List.copyOf(packages);
            uri = uri == null ? Optional.empty() : uri.filter(u -> !u.isBlank());
        }

        /** The severity when the scan rated it; empty for UNDEFINED, UNTRIAGED or anything unknown. */
        public Optional<ScanSeverity> rated() {
            return ScanSeverity.of(severity);
        }

        /** {@code CVE-... CRITICAL in zlib 1:1.2.13.dfsg-1 (https://...)}, for messages. */
        public String describe() {
            return id + " " + severity + (packages.isEmpty() ? "" : " in " + String.join(", ", packages))
                    + uri.map(u -> " (" + u + ")").orElse("");
        }
    }

    /* The answer as ECR documents it (DescribeImageScanFindings response syntax); only what is read here. */

    record Answer(ScanStatusJson imageScanStatus, FindingsJson imageScanFindings, String nextToken) {
    }

    record ScanStatusJson(String status, String description) {
    }

    record FindingsJson(List<BasicFinding> findings, List<EnhancedFinding> enhancedFindings,
            Map<String, Integer> findingSeverityCounts) {

        FindingsJson {
            findings = findings == null ? List.of() : findings;
            enhancedFindings = enhancedFindings == null ? List.of() : enhancedFindings;
            findingSeverityCounts = findingSeverityCounts == null ? Map.of() : findingSeverityCounts;
        }
    }

    /** A basic scanning finding: package name and version are attributes {@code package_name}, {@code package_version}. */
    record BasicFinding(String name, String severity, String uri, List<Attribute> attributes) {

        Finding toFinding() {
            Optional<String> packageName = attribute("package_name");
            List<String> packages = packageName.map(n -> List.of(
                    n + attribute("package_version").map(v -> " " + v).orElse(""))).orElse(List.of());
            return new Finding(name, severity, packages, Optional.ofNullable(uri));
        }

        private Optional<String> attribute(String key) {
            return (attributes == null ? List.<Attribute>of() : attributes).stream()
                    .filter(a -> key.equals(a.key()) && a.value() != null && !a.value().isBlank())
                    .map(Attribute::value).findFirst();
        }
    }

    record Attribute(String key, String value) {
    }

    /** An Amazon Inspector finding: the vulnerability and its packages are in {@code packageVulnerabilityDetails}. */
    record EnhancedFinding(String severity, String title, PackageVulnerabilityDetails packageVulnerabilityDetails) {

        Finding toFinding() {
            PackageVulnerabilityDetails details = packageVulnerabilityDetails == null
                    ? new PackageVulnerabilityDetails(null, null, null, null) : packageVulnerabilityDetails;
            String id = details.vulnerabilityId() != null ? details.vulnerabilityId() : title;
            Optional<String> uri = Optional.ofNullable(details.sourceUrl())
                    .or(() -> details.referenceUrls().stream().findFirst());
            return new Finding(id, severity, details.vulnerablePackages().stream().map(VulnerablePackage::describe)
                    .toList(), uri);
        }
    }

    record PackageVulnerabilityDetails(String vulnerabilityId, String sourceUrl, List<String> referenceUrls,
            List<VulnerablePackage> vulnerablePackages) {

        PackageVulnerabilityDetails {
            referenceUrls = referenceUrls == null ? List.of() : referenceUrls;
            vulnerablePackages = vulnerablePackages == null ? List.of() : vulnerablePackages;
        }
    }

    record VulnerablePackage(String name, Integer epoch, String version, String release) {

        /** {@code name [epoch:]version[-release]}, the way package managers print a version. */
        String describe() {
            if (version == null || version.isBlank()) {
                return String.valueOf(name);
            }
            return name + " " + (epoch != null && epoch != 0 ? epoch + ":" : "") + version
                    + (release != null && !release.isBlank() ? "-" + release : "");
        }
    }
}
