package com.nightshift.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.json.JsonCodec;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The reports HTTP API as a caller sees it: the service on 127.0.0.1 with its reports in S3 (the moto
 * emulator), called with and without bearer tokens made here with the service's signing key.
 */
class ReportsApiTest {

    private static final String BUCKET = "s3-output-test";
    private static final String KEY = "k".repeat(20) + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";
    private static final String OTHER_KEY = "x".repeat(64);
    private static final byte[] RECON_PDF = pdf(5000);
    private static final byte[] RISK_PDF = pdf(3000);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static Map<String, Object> properties;
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startServiceWithStoredReports() throws Exception {
        AwsClients clients = AWS.clients();
        s3 = AWS.client(AwsClients::s3);
        s3.createBucket(b -> b.bucket(BUCKET));
        put("reports/reconciliation-2026-11-20.pdf", RECON_PDF);
        put("reports/risk-2026-11-20.pdf", RISK_PDF);
        put("reports/risk-2026-11-19.pdf", pdf(10));
        // Stale objects of an older naming: never listed, never served.
        put("reports/recon-2026-11-20-ACC-1.pdf", pdf(10));
        put("reports/notes.pdf", pdf(10));
        put("reports/risk-2026-11-20.txt", pdf(10));
        String queue;
        try (SqsClient sqs = clients.sqs()) {
            queue = sqs.createQueue(b -> b.queueName("q-report-test")).queueUrl();
        }
        properties = new HashMap<>(Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "test.aws.endpoint", AWS.moto().endpoint().toString(),
                "output.bucket", BUCKET,
                "staging.bucket", "s3-staging-test",
                "report.queue.url", queue,
                "otel.exporter.otlp.endpoint", "",
                "metrics.namespace", "Nightshift/test",
                "reports.token.key", KEY));
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void health_answers_without_a_token() throws Exception {
        HttpResponse<String> response = get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void reports_without_a_token_are_401_problem_details_with_a_bearer_challenge() throws Exception {
        for (String path : List.of("/reports", "/reports/risk-2026-11-20", "/openapi/nightshift-reports-1.yml")) {
            HttpResponse<String> response = get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).isEqualTo("Bearer realm=\"nightshift-reports\""));
            assertProblem(response, 401, path);
        }
    }

    @Test
    void an_expired_token_is_401() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofHours(13));
        String expired = token(KEY, issued, issued.plus(Duration.ofHours(12)));

        assertThat(get("/reports", expired).statusCode()).isEqualTo(401);
        assertThat(get("/reports/risk-2026-11-20", expired).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_signed_with_another_key_is_401() throws Exception {
        String forged = token(OTHER_KEY, Instant.now(), Instant.now().plus(Duration.ofHours(1)));

        assertThat(get("/reports", forged).statusCode()).isEqualTo(401);
        assertThat(get("/reports/risk-2026-11-20", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_without_an_expiry_is_401() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("analyst@example.com").issueTime(new Date()).build());
        jwt.sign(new MACSigner(KEY.getBytes(StandardCharsets.UTF_8)));

        assertThat(get("/reports", jwt.serialize()).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_that_is_not_a_jwt_is_401() throws Exception {
        assertThat(get("/reports", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void the_list_holds_every_report_with_its_metadata_and_skips_stale_objects() throws Exception {
        HttpResponse<String> response = get("/reports", validToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode reports = JsonCodec.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("reports");
        assertThat(reports).extracting(r -> r.path("id").asText())
                .containsExactly("reconciliation-2026-11-20", "risk-2026-11-19", "risk-2026-11-20");
        JsonNode recon = reports.get(0);
        assertThat(recon.path("kind").asText()).isEqualTo("reconciliation");
        assertThat(recon.path("businessDate").asText()).isEqualTo("2026-11-20");
        assertThat(recon.path("size").asLong()).isEqualTo(RECON_PDF.length);
        assertThat(recon.path("href").asText()).isEqualTo("/reports/reconciliation-2026-11-20");
        assertThat(recon.path("etag").asText()).startsWith("\"").endsWith("\"");
        assertThat(Instant.parse(recon.path("lastModified").asText())).isBefore(Instant.now().plusSeconds(60));
    }

    @Test
    void the_list_filters_by_business_date_and_kind() throws Exception {
        assertThat(ids("/reports?date=2026-11-20")).containsExactly("reconciliation-2026-11-20", "risk-2026-11-20");
        assertThat(ids("/reports?kind=risk")).containsExactly("risk-2026-11-19", "risk-2026-11-20");
        assertThat(ids("/reports?kind=risk&date=2026-11-19")).containsExactly("risk-2026-11-19");
        assertThat(ids("/reports?date=2026-11-18")).isEmpty();
    }

    @Test
    void a_query_that_matches_nothing_is_an_empty_list() throws Exception {
        HttpResponse<String> response = get("/reports?date=2026-11-18", validToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"reports\":[]}");
    }

    @Test
    void a_malformed_date_or_an_unknown_kind_is_a_400_problem() throws Exception {
        HttpResponse<String> badDate = get("/reports?date=20-11-2026", validToken());
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(assertProblem(badDate, 400, "/reports").path("detail").asText()).contains("20-11-2026");

        HttpResponse<String> badKind = get("/reports?kind=payroll", validToken());
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(assertProblem(badKind, 400, "/reports").path("detail").asText()).contains("payroll");
    }

    @Test
    void a_report_is_its_stored_pdf_with_type_disposition_etag_and_ranges() throws Exception {
        HttpResponse<byte[]> response = getBytes("/reports/reconciliation-2026-11-20", validToken(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(RECON_PDF);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("inline; filename=\"reconciliation-2026-11-20.pdf\"");
        assertThat(response.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(
                etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
    }

    @Test
    void a_range_request_answers_206_with_that_range() throws Exception {
        HttpResponse<byte[]> response = getBytes("/reports/reconciliation-2026-11-20", validToken(),
                Map.of("Range", "bytes=100-1099"));

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(RECON_PDF, 100, 1100));
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes 100-1099/" + RECON_PDF.length);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
    }

    @Test
    void a_range_past_the_end_is_416_naming_the_size() throws Exception {
        HttpResponse<byte[]> response = getBytes("/reports/risk-2026-11-20", validToken(),
                Map.of("Range", "bytes=" + RISK_PDF.length + "-"));

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes */" + RISK_PDF.length);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void the_etag_it_sent_makes_a_conditional_request_304() throws Exception {
        String etag = getBytes("/reports/risk-2026-11-20", validToken(), Map.of()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = getBytes("/reports/risk-2026-11-20", validToken(), Map.of("If-None-Match", etag));

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void an_unknown_report_is_a_404_problem() throws Exception {
        HttpResponse<String> response = get("/reports/risk-1999-01-01", validToken());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(assertProblem(response, 404, "/reports/risk-1999-01-01").path("detail").asText())
                .isEqualTo("no report risk-1999-01-01");
    }

    @Test
    void ids_that_are_not_report_ids_are_400_even_where_an_object_exists() throws Exception {
        // reports/notes.pdf and reports/recon-2026-11-20-ACC-1.pdf exist, but are not reports.
        for (String id : List.of("notes", "recon-2026-11-20-ACC-1", "risk-2026-02-30", "RISK-2026-11-20",
                "..%2Fresults%2Frisk", "%2E%2E%2F%2E%2E%2Fstaging", "risk-2026-11-20.pdf")) {
            HttpResponse<String> response = get("/reports/" + id, validToken());

            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertProblem(response, 400, null);
        }
    }

    @Test
    void the_openapi_description_is_served_and_names_the_endpoints() throws Exception {
        HttpResponse<String> response = get("/openapi/nightshift-reports-1.yml", validToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3.").contains("/reports:").contains("/reports/{id}:")
                .contains("scheme: bearer").contains("application/problem+json");
    }

    @Test
    void with_presigned_links_a_report_redirects_to_s3_and_the_link_gives_the_pdf() throws Exception {
        Map<String, Object> presigning = new HashMap<>(properties);
        presigning.put("reports.presign.seconds", 60);
        try (EmbeddedServer redirecting = ApplicationContext.run(EmbeddedServer.class, presigning)) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                            redirecting.getURI().resolve("/reports/risk-2026-11-20"))
                    .header("Authorization", "Bearer " + validToken()).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(307);
            URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(AWS.moto().endpoint() + "/" + BUCKET + "/reports/risk-2026-11-20.pdf")
                    .contains("X-Amz-Expires=60");
            HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.body()).isEqualTo(RISK_PDF);

            HttpResponse<byte[]> unknown = HTTP.send(HttpRequest.newBuilder(
                            redirecting.getURI().resolve("/reports/risk-1999-01-01"))
                    .header("Authorization", "Bearer " + validToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void with_a_jwks_url_tokens_signed_by_a_key_of_that_set_are_accepted_too() throws Exception {
        RSAKey provider = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] jwks = new JWKSet(provider.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer keys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keys.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.start();
        Map<String, Object> withJwks = new HashMap<>(properties);
        withJwks.put("reports.jwks.url", "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks.json");
        // The service has no Micronaut HTTP client at run time, so it fetches the set with Nimbus's
        // retriever; the tests have one on their class path, which would be preferred: switch it off.
        withJwks.put("micronaut.security.token.jwt.signatures.jwks-client.http-client.enabled", false);
        try (EmbeddedServer federated = ApplicationContext.run(EmbeddedServer.class, withJwks)) {
            assertThat(status(federated, rsaToken(provider))).isEqualTo(200);
            assertThat(status(federated, rsaToken(stranger))).isEqualTo(401);
            assertThat(status(federated, validToken())).isEqualTo(200);
        } finally {
            keys.stop(0);
        }
    }

    private static int status(EmbeddedServer target, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(target.getURI().resolve("/reports"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String rsaToken(RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("analyst@example.com").issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JsonCodec.tree(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isNotBlank();
        if (instance != null) {
            assertThat(problem.path("instance").asText()).isEqualTo(instance);
        }
        return problem;
    }

    private static List<String> ids(String path) throws Exception {
        HttpResponse<String> response = get(path, validToken());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        JsonNode reports = JsonCodec.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("reports");
        return java.util.stream.StreamSupport.stream(reports.spliterator(), false).map(r -> r.path("id").asText()).toList();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String validToken() throws Exception {
        return token(KEY, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
    }

    private static String token(String key, Instant issued, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("analyst@example.com")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build());
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("application/pdf"), RequestBody.fromBytes(content));
    }

    /** Bytes that start like a PDF and differ at every offset, so a wrong range cannot pass for the right one. */
    private static byte[] pdf(int length) {
        byte[] content = new byte[length];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            content[i] = i < header.length ? header[i] : (byte) (i * 131 + length);
        }
        return content;
    }
}
