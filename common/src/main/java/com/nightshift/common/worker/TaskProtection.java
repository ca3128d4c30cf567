package com.nightshift.common.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks ECS not to stop this task in a scale-in while it holds a job, through the ECS agent's task
 * scale-in protection endpoint: {@code PUT ${ECS_AGENT_URI}/task-protection/v1/state} with
 * {@code {"ProtectionEnabled":true,"ExpiresInMinutes":N}} when a job starts, and
 * {@code {"ProtectionEnabled":false}} when the worker goes idle.
 *
 * <p>Without a scale-in protection a backlog that drains makes the service's target tracking stop
 * tasks that are half way through a long job (a VaR shard, a large file); the job would be retried
 * from the start by another task after its visibility timeout.
 *
 * <p>Requests are few: protection is enabled once for a run of back-to-back jobs, renewed only when
 * a job starts after half of its expiry has passed, and removed when the queue comes back empty. The
 * expiry bounds the harm of a task that dies without removing it. A job that runs longer than the
 * expiry loses protection at that point; the queues' visibility timeouts are far shorter, so such a
 * job is redelivered anyway.
 *
 * <p>ECS sets {@code ECS_AGENT_URI} in every task; where it is absent (a laptop, a test) this class
 * sends nothing. A failed request is logged and never fails the job. Calls come from the worker's own
 * thread; the methods are synchronized so that {@link SqsWorker#close()} may call {@link #release()}.
 */
public final class TaskProtection {

    /** The variable the ECS agent sets in every container of a task. */
    public static final String AGENT_URI_VARIABLE = "ECS_AGENT_URI";
    /** How long one request protects the task (the agent allows 1 to 2,880 minutes). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(120);

    private static final Logger LOG = LoggerFactory.getLogger(TaskProtection.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<URI> stateEndpoint;
    private final Duration expiry;
    private final Clock clock;
    private final HttpClient http;
    private Instant protectedUntil;

    TaskProtection(Optional<URI> agentUri, Duration expiry, Clock clock) {
        long minutes = expiry.toMinutes();
        if (minutes < 1 || minutes > 2880) {
            throw new IllegalArgumentException("task protection expiry must be 1..2880 minutes, was " + expiry);
        }
        this.stateEndpoint = agentUri.map(TaskProtection::stateEndpoint);
        this.expiry = Duration.ofMinutes(minutes);
        this.clock = clock;
        this.http = stateEndpoint.isPresent()
                ? HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()
                : null;
    }

    /** Protection through the agent at {@code agentUri}, {@link #DEFAULT_EXPIRY} at a time. */
    public static TaskProtection through(URI agentUri) {
        return new TaskProtection(Optional.of(agentUri), DEFAULT_EXPIRY, Clock.systemUTC());
    }

    /** Protection that sends nothing, for workers outside ECS. */
    public static TaskProtection none() {
        return new TaskProtection(Optional.empty(), DEFAULT_EXPIRY, Clock.systemUTC());
    }

    /** Through the agent named by {@code ECS_AGENT_URI} in {@code environment}, or {@link #none()} without it. */
    public static TaskProtection fromEnvironment(Map<String, String> environment) {
        String value = environment.getOrDefault(AGENT_URI_VARIABLE, "").trim();
        if (value.isEmpty()) {
            return none();
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} '{}' is not a URI; task scale-in protection is off", AGENT_URI_VARIABLE, value);
            return none();
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            LOG.warn("{} '{}' is not an http URL; task scale-in protection is off", AGENT_URI_VARIABLE, value);
            return none();
        }
        return through(uri);
    }

    /** True when there is an agent to ask; false means every call is a no-op. */
    public boolean active() {
        return stateEndpoint.isPresent();
    }

    /**
     * A job is starting: protect the task unless it is already protected for at least half of the
     * expiry. Never throws.
     */
    public synchronized void hold() {
        if (stateEndpoint.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (protectedUntil != null && now.isBefore(protectedUntil.minus(expiry.dividedBy(2)))) {
            return;
        }
        String body = "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":" + expiry.toMinutes() + "}";
        if (put(body)) {
            protectedUntil = now.plus(expiry);
        }
    }

    /** The worker is idle (or stopping): remove the protection if this worker set it. Never throws. */
    public synchronized void release() {
        if (stateEndpoint.isEmpty() || protectedUntil == null) {
            return;
        }
        // Forgotten even when the request fails: the next job asks again, and the expiry ends it anyway.
        protectedUntil = null;
        put("{\"ProtectionEnabled\":false}");
    }

    private boolean put(String body) {
        URI endpoint = stateEndpoint.orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                LOG.info("task scale-in protection set: {}", body);
                return true;
            }
            LOG.warn("task scale-in protection {} answered {} to {}: {}", endpoint, response.statusCode(), body,
                    abbreviate(response.body()));
        } catch (IOException e) {
            LOG.warn("task scale-in protection {} failed for {}: {}", endpoint, body, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("task scale-in protection {} interrupted for {}", endpoint, body);
        }
        return false;
    }

    private static URI stateEndpoint(URI agentUri) {
        String base = agentUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/task-protection/v1/state");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
