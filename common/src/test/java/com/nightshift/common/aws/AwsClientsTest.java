package com.nightshift.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The clients' retries, against an S3 stand-in on loopback that fails a given number of requests first. */
class AwsClientsTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failures;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (n <= failures) {
                byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
                        + "<Message>failing</Message></Error>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
            } else {
                exchange.getResponseHeaders().add("ETag", "\"abc\"");
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private S3Client s3() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new AwsClients(AwsEndpoint.emulator(endpoint, Region.US_EAST_1)).s3();
    }

    @Test
    void a_call_answered_with_server_errors_is_retried_until_it_succeeds() {
        failures = AwsClients.MAX_ATTEMPTS - 1;
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket("bucket").key("key"), RequestBody.fromString("x"));
        }
        assertThat(requests.get()).isEqualTo(AwsClients.MAX_ATTEMPTS);
    }

    @Test
    void a_call_that_keeps_failing_gives_up_after_the_last_attempt() {
        failures = Integer.MAX_VALUE;
        try (S3Client s3 = s3()) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bucket").key("key"),
                    RequestBody.fromString("x")))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(requests.get()).isEqualTo(AwsClients.MAX_ATTEMPTS);
    }
}
