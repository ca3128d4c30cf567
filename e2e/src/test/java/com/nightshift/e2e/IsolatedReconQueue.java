package com.nightshift.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.nightshift.common.job.ReconJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A recon queue that only the processing workers a test starts for it poll, on the local stack: the test
 * knows which process holds a message, and can stop, kill or slow that one without touching the stack's
 * own workers. The workers are processing-service processes with the task definition's environment, only
 * {@code RECON_QUEUE_URL} (and, for a fault test, {@code AWS_ENDPOINT_URL}) replaced.
 *
 * <p>Inputs are staged directly (the normalised CSV that ingestion writes) for an account and date no
 * other test uses, so a result under them can only come from this queue's jobs.
 */
final class IsolatedReconQueue implements AutoCloseable {

    static final String PROCESSING = "processing-service";
    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,"
            + "description\n";

    private final StackDriver stack;
    private final LocalStack local;
    private final String url;
    private final List<ServiceProcess> workers = new ArrayList<>();

    private IsolatedReconQueue(StackDriver stack, LocalStack local, String url) {
        this.stack = stack;
        this.local = local;
        this.url = url;
    }

    /**
     * A new queue {@code name} whose messages reappear {@code visibilityTimeout} after a receive that was
     * not followed by a delete (the stack's recon queue waits five minutes).
     */
    static IsolatedReconQueue create(StackDriver stack, String name, Duration visibilityTimeout) {
        LocalStack local = stack.localStack().orElseThrow(() -> new IllegalStateException(
                "needs the local stack: it starts, stops and kills worker processes"));
        String url = stack.sqs().createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds())))).queueUrl();
        return new IsolatedReconQueue(stack, local, url);
    }

    /** A processing worker on this queue, talking to AWS through {@code endpoint} when given; returns once healthy. */
    ServiceProcess startWorker(Optional<URI> endpoint) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("RECON_QUEUE_URL", url);
        endpoint.ifPresent(e -> overrides.put("AWS_ENDPOINT_URL", e.toString()));
        ServiceProcess worker = local.startExtraWorker(PROCESSING, overrides);
        workers.add(worker);
        return worker;
    }

    /**
     * Stages a ledger of {@code ledgerRows} entries and a statement matching its first {@code statementRows}
     * of them ({@code statementRows <= ledgerRows}), for {@code account} on {@code date}.
     */
    void stage(String account, LocalDate date, int ledgerRows, int statementRows) {
        String suffix = account + "/" + date + "/";
        put("staged/ledger/" + suffix + "ledger~e2e.csv", entries("L", account, date, ledgerRows));
        put("staged/statement/" + suffix + "statement~e2e.csv", entries("S", account, date, statementRows));
    }

    private void put(String key, String csv) {
        stack.store().put(ObjectRef.of(stack.outputs().stagingBucket(), key), csv.getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=utf-8");
    }

    /** Entries {@code 1..rows}: entry i books i × 10.00 EUR with reference REF-i, in the ledger and statement alike. */
    static String entries(String prefix, String account, LocalDate date, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append('-').append(i).append(',').append(account).append(',').append(date).append(',')
                    .append(date).append(',').append(i * 10).append(".00,EUR,Counterparty ").append(i).append(",REF-")
                    .append(i).append(",Entry ").append(i).append('\n');
        }
        return csv.toString();
    }

    void send(String account, LocalDate date) {
        stack.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body(account, date)));
    }

    /** Messages on this queue, visible or in flight. */
    int messages() {
        return messages(stack, url);
    }

    /** Messages on the queue at {@code url}, visible or in flight. */
    static int messages(StackDriver stack, String url) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        "0"));
    }

    String url() {
        return url;
    }

    /**
     * How many reconciliations of the account and date {@code worker} logged as done (processing-service logs
     * one line per run: "recon-DATE-ACCOUNT: N ledger and M statement entries, ...").
     */
    static long runsLogged(ServiceProcess worker, String account, LocalDate date) throws IOException {
        String job = Pattern.quote(ReconJob.of(account, date).jobId() + ": ");
        return Pattern.compile(job + "\\d+ ledger and \\d+ statement entries")
                .matcher(Files.readString(worker.log(), StandardCharsets.UTF_8)).results().count();
    }

    /** The body of the job message for the account and date. */
    static String body(String account, LocalDate date) {
        return JsonCodec.write(ReconJob.of(account, date));
    }

    /**
     * Kills the workers a failed test left running, so that none of them counts as a worker of the stack, and
     * deletes the queue.
     */
    @Override
    public void close() {
        try {
            for (ServiceProcess worker : workers) {
                if (!worker.stopped()) {
                    worker.kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.sqs().deleteQueue(b -> b.queueUrl(url));
    }
}
