package com.nightshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a deployment needs from {@code infra/config/<env>.json}: the resource name suffix, the region,
 * the account when the file names one, whether the stack imports its secret, its network, its
 * security groups and its buckets through parameters, the collector sidecar image and the severity
 * at which an image scan finding stops the deployment. The infra module validates the rest of the
 * file when it synthesizes. Immutable.
 *
 * @param name                  the environment name, the file name without {@code .json}
 * @param suffix                {@code environmentSuffix}: stacks are {@code nightshift-registry-<suffix>} and {@code nightshift-workload-<suffix>}
 * @param region                {@code region}
 * @param account               {@code account}, when the file pins one
 * @param importsSecret         {@code secret.mode} is {@code import}: the stack takes {@code AppSecretArn}
 * @param importsNetwork        {@code network.mode} is {@code import}: the stack takes the VPC and subnet parameters
 * @param importsSecurityGroups {@code network.securityGroups} is {@code import} (default {@code create}): the
 *                              stack takes the ids of the load balancer's and the four services' security groups
 * @param importsBuckets        {@code buckets.mode} is {@code import}: the stack takes the names of existing
 *                              data, staging and output buckets
 * @param collectorImage        {@code collectorImage}: the collector sidecar image, pinned by tag or digest
 * @param scanThreshold         {@code imageScan.failOnSeverity} ({@link ScanSeverity#DEFAULT_THRESHOLD} when absent):
 *                              a scan finding of this severity or above stops the deployment
 */
public record DeployEnvironment(String name, String suffix, String region, Optional<String> account,
        boolean importsSecret, boolean importsNetwork, boolean importsSecurityGroups, boolean importsBuckets,
        CollectorImage collectorImage, ScanSeverity scanThreshold) {

    public DeployEnvironment {
        account = account == null ? Optional.empty() : account;
        scanThreshold = scanThreshold == null ? ScanSeverity.DEFAULT_THRESHOLD : scanThreshold;
    }

    public String registryStackName() {
        return "nightshift-registry-" + suffix;
    }

    public String workloadStackName() {
        return "nightshift-workload-" + suffix;
    }

    /** {@code ecr-public-<suffix>}: the prefix of the repositories the registry's pull-through cache creates. */
    public String pullThroughCachePrefix() {
        return CollectorImage.cachePrefix(suffix);
    }

    /** Reads {@code <configDirectory>/<name>.json}; an unknown name is an error that lists the known ones. */
    public static DeployEnvironment load(Path configDirectory, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no environment given: name one of " + known(configDirectory)
                    + " (-Dnightshift.env=<env> or --env <env>)");
        }
        Path file = configDirectory.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown environment '" + name + "': no " + file + " (known: "
                    + known(configDirectory) + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable JSON: " + e.getMessage(), e);
        }
        String suffix = text(root, "environmentSuffix", file);
        String region = text(root, "region", file);
        JsonNode account = root.path("account");
        String collectorReference = text(root, "collectorImage", file);
        CollectorImage collectorImage;
        try {
            collectorImage = CollectorImage.parse(collectorReference);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": field 'collectorImage': " + e.getMessage(), e);
        }
        return new DeployEnvironment(name, suffix, region,
                account.isTextual() && !account.asText().isBlank() ? Optional.of(account.asText()) : Optional.empty(),
                "import".equals(root.path("secret").path("mode").asText()),
                "import".equals(root.path("network").path("mode").asText()),
                securityGroupsImported(root, file),
                "import".equals(root.path("buckets").path("mode").asText()),
                collectorImage,
                scanThreshold(root, file));
    }

    private static boolean securityGroupsImported(JsonNode root, Path file) {
        JsonNode mode = root.path("network").path("securityGroups");
        if (mode.isMissingNode() || mode.isNull()) {
            return false;
        }
        if (!mode.isTextual() || !List.of("create", "import").contains(mode.asText())) {
            throw new IllegalArgumentException(file + ": field 'network.securityGroups' is " + mode
                    + ", not \"create\" or \"import\"");
        }
        return mode.asText().equals("import");
    }

    private static ScanSeverity scanThreshold(JsonNode root, Path file) {
        JsonNode severity = root.path("imageScan").path("failOnSeverity");
        if (severity.isMissingNode() || severity.isNull()) {
            return ScanSeverity.DEFAULT_THRESHOLD;
        }
        return ScanSeverity.of(severity.isTextual() ? severity.asText() : "").orElseThrow(() ->
                new IllegalArgumentException(file + ": field 'imageScan.failOnSeverity' is " + severity
                        + ", not one of " + Arrays.toString(ScanSeverity.values())));
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode value = root.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static List<String> known(Path configDirectory) {
        try (Stream<Path> files = Files.list(configDirectory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + configDirectory, e);
        }
    }
}
