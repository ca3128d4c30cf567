package com.nightshift.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.common.aws.AwsEndpoint;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The images in ECR repositories, through the ECR API ({@code ListImages}, {@code BatchDeleteImage}).
 *
 * <p>Requests are the ECR JSON protocol signed with the SDK's SigV4 signer and sent with
 * {@code java.net.http}, because the SDK's own ECR client ({@code software.amazon.awssdk:ecr}) does
 * not resolve at the SDK version this build uses. Honours {@code AWS_ENDPOINT_URL} through
 * {@link AwsEndpoint}, like every other client here.
 */
public final class EcrImages {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    /** BatchDeleteImage takes at most this many image ids a request. */
    private static final int DELETE_BATCH = 100;

    private final AwsEndpoint endpoint;
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final ObjectMapper json = new ObjectMapper();

    public EcrImages(AwsEndpoint endpoint) {
        this.endpoint = endpoint;
        this.uri = endpoint.endpointOverride()
                .orElse(URI.create("https://api.ecr." + endpoint.region().id() + ".amazonaws.com/"));
    }

    /**
     * The digests of every image in {@code repository} (an image with several tags counts once); empty
     * when the repository does not exist.
     */
    public List<String> digests(String repository) {
        Set<String> digests = new LinkedHashSet<>();
        String token = null;
        do {
            ObjectNode request = json.createObjectNode().put("repositoryName", repository).put("maxResults", 1000);
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode response = call("ListImages", request, repository);
            if (response == null) {
                return List.of();
            }
            response.path("imageIds").forEach(id -> digests.add(id.path("imageDigest").asText()));
            token = response.path("nextToken").isTextual() ? response.path("nextToken").asText() : null;
        } while (token != null);
        digests.remove("");
        return List.copyOf(digests);
    }

    /**
     * Deletes every image in {@code repository} and returns how many went; a repository that does not
     * exist counts as empty.
     *
     * @throws IllegalStateException naming the repository and image when ECR refuses a deletion
     */
    public int deleteAll(String repository) {
        List<String> digests = digests(repository);
        for (int from = 0; from < digests.size(); from += DELETE_BATCH) {
            ObjectNode request = json.createObjectNode().put("repositoryName", repository);
            var ids = request.putArray("imageIds");
            digests.subList(from, Math.min(digests.size(), from + DELETE_BATCH))
                    .forEach(digest -> ids.addObject().put("imageDigest", digest));
            JsonNode response = call("BatchDeleteImage", request, repository);
            if (response == null) {
                return from;
            }
            List<String> failures = new ArrayList<>();
            // An image already gone is what we wanted.
            response.path("failures").forEach(f -> {
                if (!"ImageNotFound".equals(f.path("failureCode").asText())) {
                    failures.add(f.path("imageId").path("imageDigest").asText() + ": " + f.path("failureCode").asText()
                            + " " + f.path("failureReason").asText());
                }
            });
            if (!failures.isEmpty()) {
                throw new IllegalStateException("repository " + repository + ": cannot delete images " + failures);
            }
        }
        return digests.size();
    }

    /**
     * One ECR API call; null when the repository does not exist.
     *
     * @throws IllegalStateException naming the action, the repository and ECR's error otherwise
     */
    JsonNode call(String action, ObjectNode body, String repository) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET_PREFIX + action)
                .build();
        AwsCredentialsIdentity credentials = endpoint.credentials().resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region().id()));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        signed.request().forEachHeader((name, values) -> {
            // java.net.http sets these itself, from the same URI and body the signature covers.
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("ECR " + action + " on " + repository + " at " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("ECR " + action + " on " + repository + " answered " + response.statusCode()
                    + " with a body that is not JSON", e);
        }
        if (response.statusCode() / 100 == 2) {
            return answer;
        }
        String type = answer.path("__type").asText("");
        String error = type.substring(type.lastIndexOf('#') + 1);
        if (error.equals("RepositoryNotFoundException")) {
            return null;
        }
        throw new IllegalStateException("ECR " + action + " on " + repository + " failed with " + response.statusCode()
                + " " + error + ": " + answer.path("message").asText(answer.path("Message").asText("")));
    }
}
