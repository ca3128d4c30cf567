package com.nightshift.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

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
 * Calls of the ECR API: the ECR JSON protocol signed with the SDK's SigV4 signer and sent with
 * {@code java.net.http}, because the SDK's own ECR client ({@code software.amazon.awssdk:ecr}) does
 * not resolve at the SDK version this build uses. Honours {@code AWS_ENDPOINT_URL} through
 * {@link AwsEndpoint}, like every other client here. Thread-safe.
 */
public final class EcrApi {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

    private final AwsEndpoint endpoint;
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final ObjectMapper json = new ObjectMapper();

    public EcrApi(AwsEndpoint endpoint) {
        this.endpoint = endpoint;
        this.uri = endpoint.endpointOverride()
                .orElse(URI.create("https://api.ecr." + endpoint.region().id() + ".amazonaws.com/"));
    }

    /** An empty request body to fill in. */
    public ObjectNode request() {
        return json.createObjectNode();
    }

    /**
     * One ECR API call about {@code repository}; null when the repository does not exist.
     *
     * @throws IllegalStateException naming the action, the repository and ECR's error otherwise
     */
    public JsonNode call(String action, ObjectNode body, String repository) {
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
