package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.io.DocumentJson;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.infra.config.BacklogScaling;
import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;
import com.nightshift.risk.service.ShardedRun;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A bounded simulation of a large night on the local stack: one VaR run split into {@value #SHARDS}
 * shards, consumed by {@value #WORKERS} risk workers, merged once, equal to what one process computes,
 * with the shard backlog draining as the queue-backlog scaling policy ({@link BacklogScaling}) expects.
 *
 * <p>The workers are risk-calculation processes with the task definition's environment except two
 * variables: {@code VAR_SHARD_SCENARIOS}, a hundredth of {@code VAR_SCENARIOS}, and {@code RISK_QUEUE_URL},
 * a queue of this test's own, so that neither the stack's own risk workers nor other tests' jobs share
 * the run, and the queue's counts are this run's backlog alone. The queue is sampled at every poll of
 * the wait (about twice a second) from sending the job until the results are written and the queue is empty.
 */
@ExtendWith(StackUnderTest.class)
class ShardBacklogIT {

    private static final Logger LOG = LoggerFactory.getLogger(ShardBacklogIT.class);
    private static final String RISK = "risk-calculation";
    private static final int SHARDS = 100;
    private static final int WORKERS = 3;
    private static final Duration RUN_WITHIN = Duration.ofMinutes(4);
    /** A business date of this test alone. */
    private static final LocalDate DATE = LocalDate.of(2026, 12, 11);
    private static final String RESULTS = "results/risk/" + DATE + "/";
    private static final String POSITIONS_KEY = "staged/positions/" + DATE + "/positions-" + DATE + ".csv";
    private static final String PRICES_KEY = "staged/market-data/" + DATE + "/prices-" + DATE + ".csv";
    private static final byte[] POSITIONS = ShardedRiskIT.positions().getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRICES = ShardedRiskIT.prices(DATE).getBytes(StandardCharsets.UTF_8);

    /** The queue's approximate counts at one moment. */
    record Sample(Instant at, int visible, int inFlight) {
        int backlog() {
            return visible + inFlight;
        }
    }

    private static final List<ServiceProcess> workers = new ArrayList<>();
    private static String queueUrl;
    private static VarSettings settings;
    private static ShardedRun plan;
    private static VarReport merged;
    private static List<Sample> samples;
    private static Map<String, List<String>> shardsByWorker;
    private static int merges;

    @BeforeAll
    static void runOneHundredShardsOnThreeWorkers(StackDriver stack) throws Exception {
        Optional<LocalStack> local = stack.localStack();
        assumeTrue(local.isPresent(), "needs the local stack: it starts risk workers of its own and reads their logs");
        VarSettings taskSettings = ShardedRiskIT.settingsOf(local.get().taskEnvironment(RISK));
        settings = taskSettings.withShardScenarios(taskSettings.scenarios() / SHARDS);
        queueUrl = stack.sqs().createQueue(b -> b.queueName("shard-simulation-" + UUID.randomUUID())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "120"))).queueUrl();
        Map<String, String> overrides = Map.of("RISK_QUEUE_URL", queueUrl,
                "VAR_SHARD_SCENARIOS", Integer.toString(settings.shardScenarios()));
        for (int i = 1; i <= WORKERS; i++) {
            workers.add(local.get().startVariant(RISK, "risk-shard-simulation-" + i, overrides));
        }

        String bucket = stack.outputs().stagingBucket();
        stack.store().put(ObjectRef.of(bucket, POSITIONS_KEY), POSITIONS, "text/csv");
        stack.store().put(ObjectRef.of(bucket, PRICES_KEY), PRICES, "text/csv");
        Instant sent = Instant.now();
        stack.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(JsonCodec.write(RiskJob.of(DATE))));
        samples = new CopyOnWriteArrayList<>();
        stack.await("the results of the " + SHARDS + "-shard run and an empty shard queue", RUN_WITHIN, () -> {
            Sample sample = sample(stack);
            samples.add(sample);
            boolean written = stack.staging(RESULTS + VarPipeline.VAR_JSON)
                    .filter(o -> !o.lastModified().isBefore(sent.minusSeconds(1))).isPresent();
            return written && sample.backlog() == 0;
        });
        Duration took = Duration.between(sent, Instant.now());
        stack.await("the risk report of " + DATE, Duration.ofMinutes(2), () -> stack.backlog() == 0);

        merged = ShardedRiskIT.read(stack, RESULTS + VarPipeline.VAR_JSON, VarPipeline::readReport);
        List<String> plans = ShardedRiskIT.keys(stack, RESULTS + "runs/").stream()
                .filter(k -> k.endsWith("/plan.json")).toList();
        assertThat(plans).as("plans under " + RESULTS + "runs/").singleElement();
        plan = ShardedRiskIT.read(stack, plans.getFirst(), in -> DocumentJson.read(in, ShardedRun.class));
        shardsByWorker = new LinkedHashMap<>();
        merges = 0;
        for (ServiceProcess worker : workers) {
            shardsByWorker.put(worker.log().getFileName().toString(),
                    ShardedRiskIT.shardsLogged(worker.log(), 0, plan.runId()));
            merges += mergesLogged(worker.log(), plan.runId());
        }
        LOG.info("{} shards on {} workers: results {} after the job was sent, {} queue samples, peak backlog {}; "
                + "shards per worker {}", plan.shards().size(), WORKERS, took, samples.size(),
                samples.stream().mapToInt(Sample::backlog).max().orElse(0), counts(shardsByWorker));
    }

    @AfterAll
    static void stopWorkersAndQueue(StackDriver stack) {
        workers.forEach(ServiceProcess::close);
        if (queueUrl != null) {
            stack.sqs().deleteQueue(b -> b.queueUrl(queueUrl));
        }
    }

    @Test
    void the_run_is_split_into_one_hundred_shards() {
        assertThat(plan.settings()).isEqualTo(settings);
        assertThat(plan.shards()).hasSize(SHARDS);
    }

    @Test
    void every_worker_takes_shards_and_together_they_store_each_shard() {
        ShardedRiskIT.assertEveryWorkerTookShardsCoveringThePlan(shardsByWorker, WORKERS, plan);
    }

    @Test
    void the_run_is_merged_once() {
        assertThat(merges).as("merges of run " + plan.runId() + " logged by the workers").isEqualTo(1);
    }

    @Test
    void the_merged_result_is_the_single_process_result_bit_for_bit() {
        VarReport single = ShardedRiskIT.singleProcess(POSITIONS_KEY, POSITIONS, PRICES_KEY, PRICES, DATE, settings);

        assertThat(merged.scenarios()).isEqualTo(settings.scenarios());
        ShardedRiskIT.assertSameFigures(merged, single);
    }

    /**
     * From the moment the run is queued (the peak) the backlog only drains: the first sample asks the
     * policy for more than one task, no later sample has more waiting than the lowest before it plus the
     * one merge message, and the last asks for none.
     */
    @Test
    void the_shard_backlog_drains_as_the_scaling_policy_expects() {
        int peak = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).backlog() > samples.get(peak).backlog()) {
                peak = i;
            }
        }
        List<Sample> draining = samples.subList(peak, samples.size());

        assertThat(BacklogScaling.desiredTasks(draining.getFirst().visible()))
                .as("tasks asked for at the peak, %s", draining.getFirst()).isGreaterThan(1);
        int lowest = Integer.MAX_VALUE;
        for (Sample sample : draining) {
            assertThat(sample.backlog()).as("backlog at %s after it fell to %d", sample.at(), lowest)
                    .isLessThanOrEqualTo(lowest == Integer.MAX_VALUE ? sample.backlog() : lowest + 1);
            lowest = Math.min(lowest, sample.backlog());
        }
        assertThat(draining.getLast().backlog()).isZero();
        assertThat(BacklogScaling.desiredTasks(draining.getLast().visible())).isZero();
    }

    private static Sample sample(StackDriver stack) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new Sample(Instant.now(), Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    private static int mergesLogged(Path log, String runId) throws IOException {
        Matcher merge = Pattern.compile("run " + Pattern.quote(runId) + " merged from \\d+ shards")
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        int count = 0;
        while (merge.find()) {
            count++;
        }
        return count;
    }

    private static Map<String, Integer> counts(Map<String, List<String>> shards) {
        Map<String, Integer> counts = new HashMap<>();
        shards.forEach((worker, stored) -> counts.put(worker, stored.size()));
        return counts;
    }
}
