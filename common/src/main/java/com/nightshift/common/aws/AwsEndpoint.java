package com.nightshift.common.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where the AWS APIs are: the real regional endpoints, or an emulator named by {@code AWS_ENDPOINT_URL}.
 *
 * <p>In a task on ECS the region comes from {@code AWS_REGION} (set by the Fargate runtime) and the
 * credentials from the task role. Locally the same variables point every client at the emulator.
 * Immutable and thread-safe.
 */
public record AwsEndpoint(Region region, Optional<URI> endpointOverride) {

    public static final String REGION_VARIABLE = "AWS_REGION";
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    public AwsEndpoint {
        if (region == null) {
            throw new IllegalArgumentException("region must be given");
        }
        endpointOverride = endpointOverride == null ? Optional.empty() : endpointOverride;
    }

    /** Reads {@code AWS_REGION} (default us-east-1) and the optional {@code AWS_ENDPOINT_URL}. */
    public static AwsEndpoint fromEnvironment(Map<String, String> environment) {
        String region = environment.getOrDefault(REGION_VARIABLE, "");
        if (region.isBlank()) {
            region = environment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1");
        }
        String endpoint = environment.getOrDefault(ENDPOINT_VARIABLE, "");
        return new AwsEndpoint(Region.of(region),
                endpoint.isBlank() ? Optional.empty() : Optional.of(parseEndpoint(endpoint)));
    }

    public static AwsEndpoint fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static AwsEndpoint emulator(URI endpoint, Region region) {
        return new AwsEndpoint(region, Optional.of(endpoint));
    }

    public boolean isEmulator() {
        return endpointOverride.isPresent();
    }

    /**
     * Credentials: the default chain on AWS; on an emulator the chain too when it finds any
     * (environment or profile), else the emulator's conventional static test pair.
     */
    public AwsCredentialsProvider credentials() {
        if (isEmulator() && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static URI parseEndpoint(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(ENDPOINT_VARIABLE + " '" + value + "' is not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " '" + value + "' is not a URL: " + e.getMessage(), e);
        }
    }
}
