package com.nightshift.common.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check: exits 0 when the service's {@code /health} on loopback answers 200,
 * 1 otherwise. It exists because the runtime image carries a JRE and no shell tools such as curl.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("MICRONAUT_SERVER_PORT", "8080");
        URI uri = URI.create("http://127.0.0.1:" + port + "/health");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health check of " + uri + " failed: " + e);
            System.exit(1);
        } 
    }
}
