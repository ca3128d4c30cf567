package com.nightshift.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Drives a running stack from the outside, as its users do: uploads inbound files, waits for
 * outputs, reads reports over HTTP, and watches the dead-letter queues. Works the same against the
 * local stack and a deployed one.
 */
public final class StackDriver implements AutoCloseable {

    private final AwsClients clients;
    private final StackOutputs outputs;
    private final URI reportsEndpoint;
    private final S3Client s3;
    private final SqsClient sqs;
    private final ObjectStore store;
    private final Runnable liveness;
    private final Optional<LocalStack> local;
    /** The bearer token sent with every request to the reports API; none against a deployed stack. */
    private final Optional<String> reportsToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StackDriver(AwsClients clients, StackOutputs outputs, URI reportsEndpoint, Runnable liveness) {
        this(clients, outputs, reportsEndpoint, liveness, Optional.empty());
    }

    private StackDriver(AwsClients clients, StackOutputs outputs, URI reportsEndpoint, Runnable liveness,
            Optional<LocalStack> local) {
        this.clients = clients;
        this.local = local;
        this.reportsToken = local.map(LocalStack::reportsToken);
        this.outputs = outputs;
        this.reportsEndpoint = reportsEndpoint;
        this.s3 = clients.s3();
        this.sqs = clients.sqs();
        this.store = new ObjectStore(s3);
        this.liveness = liveness;
    }

    public static StackDriver local(LocalStack stack) {
        return new StackDriver(stack.clients(), stack.outputs(), stack.reportingUri(), stack::checkServicesAlive,
                Optional.of(stack));
    }

    /**
     * The local stack this driver drives, for what only a local stack offers (more workers of a service,
     * their logs, the task definitions as deployed); empty against a deployed stack.
     */
    public Optional<LocalStack> localStack() {
        return local;
    }

    /** The AWS clients' configuration of this stack, for clients the driver does not hold (SNS, for one). */
    public AwsClients clients() {
        return clients;
    }

    public StackOutputs outputs() {
        return outputs;
    }

    public ObjectStore store() {
        return store;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public URI reportsEndpoint() {
        return reportsEndpoint;
    }

    public void upload(String key, byte[] content) {
        store.put(ObjectRef.of(outputs.dataBucket(), key), content, "text/csv");
    }

    public Optional<StoredObject> staging(String key) {
        return store.head(ObjectRef.of(outputs.stagingBucket(), key));
    }

    /** The JSON object at {@code key} in the staging bucket, or empty when there is none. */
    public Optional<JsonNode> stagingJson(String key) {
        return store.fetch(ObjectRef.of(outputs.stagingBucket(), key)).map(content -> JsonCodec.tree(content.content()));
    }

    /**
     * Waits until the reconciliation result of {@code account} on {@code date} counts {@code ledgerRows} and
     * {@code statementRows} entries. A night runs as soon as one side is staged, so an earlier result may
     * hold one file alone; the report of the awaited result is made after this returns, so wait for
     * {@link #awaitQuiet} too before reading it.
     */
    public void awaitReconciliation(String account, LocalDate date, int ledgerRows, int statementRows, Duration timeout) {
        String key = "results/recon/" + date + "/" + account + "/result.json";
        await("the reconciliation of " + account + " on " + date + " with " + ledgerRows + " ledger and "
                + statementRows + " statement entries", timeout, () -> store.fetch(ObjectRef.of(outputs.stagingBucket(), key))
                .map(content -> ReconciliationDocument.read(key, new java.io.ByteArrayInputStream(content.content())).counts())
                .filter(counts -> counts.ledgerRows() == ledgerRows && counts.statementRows() == statementRows).isPresent());
    }

    /**
     * Waits until {@code done} holds, failing early when a message lands in a dead-letter queue or a
     * service dies, and with {@code what} in the message when the timeout passes.
     */
    public void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (done.getAsBoolean()) {
                return;
            }
            liveness.run();
            Map<String, Integer> dead = deadLetters();
            if (!dead.isEmpty()) {
                throw new IllegalStateException("while waiting for " + what + ", messages reached dead-letter queues: "
                        + dead);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            MotoServer.sleep(Duration.ofMillis(500));
        }
    }

    /** Waits up to {@code timeout} for an empty backlog; true when the work queues are empty. */
    public boolean awaitQuiet(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (backlog() > 0) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            MotoServer.sleep(Duration.ofMillis(500));
        }
        return true;
    }

    /** Waits for objects written at or after {@code since} at each of {@code keys} in {@code bucket}. */
    public void awaitObjects(String bucket, List<String> keys, Instant since, Duration timeout) {
        await(keys.size() + " objects in " + bucket + " " + keys, timeout, () -> keys.stream().allMatch(key ->
                store.head(ObjectRef.of(bucket, key))
                        .filter(o -> o.lastModified() == null || !o.lastModified().isBefore(since.minusSeconds(2)))
                        .isPresent()));
    }

    /** Dead-letter queue name to its approximate message count, for the non-empty ones. */
    public Map<String, Integer> deadLetters() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outputs.deadLetterQueueUrls().forEach((name, url) -> {
            int visible = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            if (visible > 0) {
                counts.put(name, visible);
            }
        });
        return counts;
    }

    /** Messages visible or in flight on the work queues: zero when the stack has nothing left to do. */
    public int backlog() {
        int total = 0;
        for (String url : List.of(outputs.ingestQueueUrl(), outputs.reconQueueUrl(), outputs.riskQueueUrl(),
                outputs.reportQueueUrl())) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            total += Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            total += Integer.parseInt(attributes.getOrDefault(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        }
        return total;
    }

    /** {@code GET path} on the reports endpoint, with the local stack's bearer token when there is one. */
    public HttpResponse<byte[]> get(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(reportsEndpoint.resolve(path)).timeout(Duration.ofSeconds(30));
            reportsToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("GET " + reportsEndpoint.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
    }
}
