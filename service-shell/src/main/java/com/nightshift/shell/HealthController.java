package com.nightshift.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /health}: 200 when every worker of this service is polling its queue, 503 otherwise.
 * The container health check and the load balancer both use it.
 */
@Controller("/health")
public class HealthController {

    private final WorkerLifecycle workers;

    public HealthController(WorkerLifecycle workers) {
        this.workers = workers;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> health() {
        Map<String, Boolean> workerHealth = workers.health();
        boolean up = !workerHealth.containsValue(false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("workers", workerHealth);
        return HttpResponse.<Map<String, Object>>status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
