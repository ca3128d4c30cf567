package com.nightshift.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.trace.Tracing;
import com.nightshift.common.worker.JobMessage;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The workers' lifecycle against a real queue (the moto emulator): stopping sends the spans still buffered. */
class WorkerLifecycleTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void clients() {
        sqs = AWS.client(AwsClients::sqs);
        sns = AWS.client(AwsClients::sns);
    }

    @Test
    void stopping_sends_the_span_of_the_last_job_without_waiting_for_the_next_batch() throws Exception {
        String queue = sqs.createQueue(b -> b.queueName("last-job")).queueUrl();
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        Tracing tracing = Tracing.exportingTo(() -> new CollectingExporter(exported), "test-service");
        List<String> handled = new CopyOnWriteArrayList<>();
        WorkerLifecycle lifecycle = new WorkerLifecycle(List.of(new Consumer(queue, handled)), sqs, tracing,
                new JobNotifications(sns, "", Clock.systemUTC()),
                BusinessMetrics.to(line -> { }, "Nightshift/test", "test-service", Clock.systemUTC()));
        lifecycle.onStartup(null);
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handled.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(handled).containsExactly("job");
        // The batch processor would send after 5 s; stopping must not leave the span behind.
        lifecycle.stop();
        assertThat(exported).extracting(SpanData::getName).contains("last-job job");
    }

    private record Consumer(String queueUrl, List<String> handled) implements QueueConsumer {
        @Override
        public String name() {
            return "last-job";
        }

        @Override
        public void handle(JobMessage message) {
            handled.add(message.body());
        }
    }

    private record CollectingExporter(List<SpanData> spans) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
