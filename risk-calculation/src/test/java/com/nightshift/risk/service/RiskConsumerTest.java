package com.nightshift.risk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.job.ReportJob;
import com.nightshift.common.job.RiskJob;
import com.nightshift.common.job.RiskShardJob;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.metrics.BusinessMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.risk.var.PortfolioRiskDocument;
import com.nightshift.risk.var.VarPipeline;
import com.nightshift.risk.var.VarReport;
import com.nightshift.risk.var.VarSettings;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The risk job against S3 and SQS semantics (the moto emulator): staged inputs, shards, merge, results, reports. */
class RiskConsumerTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 27);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static SqsClient sqs;
    private static ObjectStore store;
    private static int buckets;

    private String bucket;
    private String riskQueue;
    private String reportQueue;
    private final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
        sqs = AWS.client(AwsClients::sqs);
        store = new ObjectStore(s3);
    }

    @BeforeEach
    void freshBucketAndQueues() {
        buckets++;
        bucket = "staging-" + buckets;
        s3.createBucket(b -> b.bucket(bucket));
        riskQueue = sqs.createQueue(b -> b.queueName("risk-" + buckets)).queueUrl();
        reportQueue = sqs.createQueue(b -> b.queueName("report-" + buckets)).queueUrl();
    }

    private RiskConsumer consumer(int scenarios, int shardScenarios) {
        return new RiskConsumer(store, new JobPublisher(sqs), ManifestSigner.withKey("test-key"),
                BusinessMetrics.to(metrics::add, "Nightshift/test", "risk-calculation", Clock.systemUTC()), riskQueue, bucket,
                reportQueue, scenarios, VarSettings.DEFAULT_SEED, "plain", shardScenarios, 0.02);
    }

    @Test
    void aRunWithinTheShardSize_writesVarJsonAndEachPortfoliosResult_andAsksForTheRiskReportOfItsDate() throws Exception {
        stageInputs("positions");

        handle(consumer(5_000, 5_000), JsonCodec.write(RiskJob.of(DATE)));

        VarReport report = report();
        assertThat(report.scenarios()).isEqualTo(5_000);
        assertThat(report.businessDate()).isEqualTo(DATE);
        assertThat(report.portfolios()).containsOnlyKeys("PF-GROWTH", "PF-INCOME");
        assertThat(report.book().var99()).isPositive();
        assertThat(report.manifest().inputs()).extracting(i -> i.name()).containsExactly(
                "staged/positions/2026-11-27/positions.csv", "staged/market-data/2026-11-27/prices.csv");
        PortfolioRiskDocument growth = VarPipeline.readPortfolio(new ByteArrayInputStream(
                store.read(ObjectRef.of(bucket, "results/risk/2026-11-27/PF-GROWTH/result.json"))));
        assertThat(growth.measures()).isEqualTo(report.portfolios().get("PF-GROWTH"));
        assertThat(growth.positions()).isEqualTo(3);
        assertThat(received(reportQueue, ReportJob.class)).singleElement().satisfies(job -> {
            assertThat(job.reportId()).isEqualTo("risk-2026-11-27");
            assertThat(job.resultKey()).isEqualTo("results/risk/2026-11-27/var.json");
        });
        assertThat(received(riskQueue, RiskShardJob.class)).isEmpty();
    }

    @Test
    void aRunInOneTask_reportsItsRunTimeOverItsScenariosInOneShard() throws Exception {
        stageInputs("positions");

        handle(consumer(2_000, 2_000), JsonCodec.write(RiskJob.of(DATE)));

        assertThat(metrics).singleElement().satisfies(line -> {
            JsonNode document = JsonCodec.tree(line.getBytes(StandardCharsets.UTF_8));
            assertThat(document.get("Service").asText()).isEqualTo("risk-calculation");
            assertThat(document.get("VarRunTime").asLong()).isNotNegative();
            assertThat(document.get("VarScenarios").asLong()).isEqualTo(2_000);
            assertThat(document.get("VarShards").asLong()).isEqualTo(1);
        });
    }

    @Test
    void aSpreadRun_reportsEachShardsSimulationTime_andAtTheMergeTheRunTimeOverItsShards() throws Exception {
        stageInputs("positions");
        RiskConsumer worker = consumer(2_000, 1_000);
        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        for (String shard : bodies(riskQueue)) {
            handle(worker, shard);
        }
        handle(worker, bodies(riskQueue).get(0));

        List<JsonNode> documents = metrics.stream().map(l -> JsonCodec.tree(l.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(documents).filteredOn(d -> d.has("ShardSimulationTime")).hasSize(2);
        assertThat(documents).filteredOn(d -> d.has("VarRunTime")).singleElement().satisfies(d -> {
            assertThat(d.get("VarScenarios").asLong()).isEqualTo(2_000);
            assertThat(d.get("VarShards").asLong()).isEqualTo(2);
        });
    }

    @Test
    void theVarJson_isSignedOverItsFigures_soThatAnEditedVarBreaksTheSignature() throws Exception {
        stageInputs("positions");
        handle(consumer(5_000, 250_000), JsonCodec.write(RiskJob.of(DATE)));

        VarReport report = report();
        ManifestSigner signer = ManifestSigner.withKey("test-key");
        assertThat(signer.verify(report)).isEqualTo(ManifestSigner.Verdict.VALID);
        assertThat(report.manifest().historyRate()).isEqualTo(0.02);
        assertThat(report.manifest().positionInputs()).isEqualTo(1);
        com.nightshift.risk.var.TailMeasures book = report.book();
        VarReport edited = new VarReport(report.scenarios(), report.seed(), report.method(), report.horizonDays(),
                report.returns(), report.revaluation(), report.replications(), report.businessDate(),
                new com.nightshift.risk.var.TailMeasures(book.value(), book.var95(), book.es95(), book.var99() * 0.5,
                        book.es99(), book.var95StdError(), book.es95StdError(), book.var99StdError(),
                        book.es99StdError(), book.var99TenDay(), book.es99TenDay()),
                report.portfolios(), report.components(), report.histogram(), report.timings(), report.manifest());
        assertThat(signer.verify(edited)).isEqualTo(ManifestSigner.Verdict.CONTENT_CHANGED);
    }

    @Test
    void aRunLargerThanTheShardSize_isSpreadOverShardMessages_andTwoWorkersMergeToTheSingleProcessNumbers()
            throws Exception {
        stageInputs("positions");
        handle(consumer(10_000, 10_000), JsonCodec.write(RiskJob.of(DATE)));
        VarReport single = report();
        received(reportQueue, ReportJob.class);
        store.delete(ObjectRef.of(bucket, "results/risk/2026-11-27/var.json"));

        RiskConsumer planner = consumer(10_000, 3_000);
        handle(planner, JsonCodec.write(RiskJob.of(DATE)));
        List<String> shards = bodies(riskQueue);
        assertThat(shards).hasSize(4);
        assertThat(keys("results/risk/2026-11-27/var.json")).isEmpty();
        // Two workers take the shards in turns, last first.
        RiskConsumer other = consumer(10_000, 3_000);
        for (int i = shards.size() - 1; i >= 0; i--) {
            handle(i % 2 == 0 ? planner : other, shards.get(i));
        }
        List<String> merges = bodies(riskQueue);
        assertThat(merges).singleElement().satisfies(m -> assertThat(m).contains("\"step\":\"merge\""));
        handle(other, merges.get(0));

        VarReport sharded = report();
        assertThat(sharded.book()).isEqualTo(single.book());
        assertThat(sharded.portfolios()).isEqualTo(single.portfolios());
        assertThat(sharded.components()).isEqualTo(single.components());
        assertThat(sharded.histogram()).isEqualTo(single.histogram());
        // Each run signs its own var.json (its timings differ); what the runs were computed from is the same.
        assertThat(sharded.manifest().withSignature("")).isEqualTo(single.manifest().withSignature(""));
        assertThat(ManifestSigner.withKey("test-key").verify(sharded)).isEqualTo(ManifestSigner.Verdict.VALID);
        assertThat(received(reportQueue, ReportJob.class)).extracting(ReportJob::reportId).containsExactly("risk-2026-11-27");
    }

    @Test
    void twoWorkersStoringTheLastShardAtOnce_askForOneMerge_andARedeliveryOfTheAskingMessageAsksAgain()
            throws Exception {
        stageInputs("positions");
        RiskConsumer worker = consumer(10_000, 3_000);
        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        List<String> shards = bodies(riskQueue);
        for (int i = 0; i < shards.size() - 1; i++) {
            handle(worker, shards.get(i), "shard-" + i);
        }
        assertThat(bodies(riskQueue)).isEmpty();

        // The last shard's message, received by one worker, then by another (its visibility ran out):
        // both see every shard stored, only the first asks; the first's redelivery asks again.
        String last = shards.get(shards.size() - 1);
        handle(worker, last, "first-receipt");
        handle(consumer(10_000, 3_000), last, "other-message");
        List<String> merges = bodies(riskQueue);
        handle(worker, last, "first-receipt");

        assertThat(merges).singleElement().satisfies(m -> assertThat(m).contains("\"step\":\"merge\""));
        assertThat(bodies(riskQueue)).singleElement().satisfies(m -> assertThat(m).contains("\"step\":\"merge\""));
    }

    @Test
    void aRunPlannedAgain_asksForItsMergeAgain() throws Exception {
        stageInputs("positions");
        RiskConsumer worker = consumer(10_000, 3_000);
        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        List<String> shards = bodies(riskQueue);
        shards.forEach(shard -> handleUnchecked(worker, shard));
        assertThat(bodies(riskQueue)).singleElement().satisfies(m -> assertThat(m).contains("\"step\":\"merge\""));

        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        bodies(riskQueue).forEach(shard -> handleUnchecked(worker, shard));

        assertThat(bodies(riskQueue)).singleElement().satisfies(m -> assertThat(m).contains("\"step\":\"merge\""));
    }

    @Test
    void aShardOfARunWhoseInputsWereReplaced_isDropped() throws Exception {
        stageInputs("positions");
        RiskConsumer worker = consumer(10_000, 5_000);
        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        List<String> shards = bodies(riskQueue);
        stage("staged/positions/2026-11-27/positions.csv", positions().replace("1500", "1600"));

        handle(worker, shards.get(0));

        assertThat(keys("results/risk/2026-11-27/runs/")).allMatch(k -> k.endsWith("plan.json"));
        assertThat(bodies(riskQueue)).isEmpty();
    }

    @Test
    void theMergeOfARunWhoseStagedInputsChangedSinceItWasPlanned_isDropped_andAsksForNoReport() throws Exception {
        stageInputs("positions");
        RiskConsumer worker = consumer(10_000, 5_000);
        handle(worker, JsonCodec.write(RiskJob.of(DATE)));
        for (String shard : bodies(riskQueue)) {
            handle(worker, shard);
        }
        List<String> merges = bodies(riskQueue);
        stage("staged/positions/2026-11-27/more.csv", HEADER + "X1,PF-INCOME,EQUITY,10,AAA,,,\n");

        handle(worker, merges.get(0));

        assertThat(keys("results/risk/2026-11-27/var.json")).isEmpty();
        assertThat(received(reportQueue, ReportJob.class)).isEmpty();
    }

    @Test
    void withoutPrices_theJobWaitsForThem() throws Exception {
        stage("staged/positions/2026-11-27/positions.csv", positions());

        handle(consumer(5_000, 5_000), JsonCodec.write(RiskJob.of(DATE)));

        assertThat(keys("results/risk/")).isEmpty();
        assertThat(received(reportQueue, ReportJob.class)).isEmpty();
    }

    @Test
    void aPositionOnAFactorWithoutPrices_failsTheJobNamingIt() {
        stageInputs("positions");
        stage("staged/positions/2026-11-27/more.csv", HEADER + "X1,PF-INCOME,EQUITY,10,NOPE,,,\n");

        assertThatThrownBy(() -> handle(consumer(5_000, 5_000), JsonCodec.write(RiskJob.of(DATE))))
                .hasMessageContaining("staged/positions/2026-11-27/more.csv").hasMessageContaining("NOPE");
    }

    @Test
    void scheduledMessage_runsForTheBusinessDateOfTheNight() {
        RiskJob job = RiskConsumer.riskJob("{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}",
                Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(job.businessDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(job.jobId()).isEqualTo("risk-nightly-2026-11-23");
    }

    @Test
    void aJobWithoutDateOrScheduleTrigger_isRefused() {
        assertThatThrownBy(() -> RiskConsumer.riskJob("{\"jobId\":\"x\"}", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settings_areTheDefaultsWithWhatTheTaskDefinitionSets() {
        assertThat(RiskConsumer.settings(VarSettings.DEFAULT_SCENARIOS, VarSettings.DEFAULT_SEED,
                VarSettings.DEFAULT_METHOD, VarSettings.DEFAULT_SHARD_SCENARIOS, VarSettings.DEFAULT_HISTORY_RATE))
                .isEqualTo(VarSettings.DEFAULTS);
        VarSettings custom = RiskConsumer.settings(2_000, 7L, "sobol", 500, 0.035);
        assertThat(custom.scenarios()).isEqualTo(2_000);
        assertThat(custom.seed()).isEqualTo(7L);
        assertThat(custom.method().id()).isEqualTo("sobol");
        assertThat(custom.shardScenarios()).isEqualTo(500);
        assertThat(custom.historyRate()).isEqualTo(0.035);
        assertThatThrownBy(() -> RiskConsumer.settings(2_000, 7L, "quasi", 500, 0.0)).hasMessageContaining("quasi");
    }

    private static final String HEADER = "position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type\n";

    private static String positions() {
        return HEADER
                + "G1,PF-GROWTH,EQUITY,1500,AAA,,,\n"
                + "G2,PF-GROWTH,OPTION,-20,AAA,105,0.25,CALL\n"
                + "G3,PF-GROWTH,FX,100000,EURUSD,,,\n"
                + "I1,PF-INCOME,BOND,50,UST5Y,1000,5,\n"
                + "I2,PF-INCOME,EQUITY,-300,BBB,,,\n";
    }

    /** Positions and 60 business days of closes up to {@link #DATE} for AAA, BBB, EURUSD and UST5Y. */
    private void stageInputs(String positionsName) {
        stage("staged/positions/2026-11-27/" + positionsName + ".csv", positions());
        StringBuilder prices = new StringBuilder("date,factor,close\n");
        SplittableRandom random = new SplittableRandom(5);
        String[] factors = {"AAA", "BBB", "EURUSD", "UST5Y"};
        double[] level = {100.0, 40.0, 1.08, 0.042};
        double[] vol = {0.02, 0.015, 0.005, 0.02};
        LocalDate day = DATE.minusDays(90);
        while (!day.isAfter(DATE)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                for (int f = 0; f < factors.length; f++) {
                    level[f] *= Math.exp(vol[f] * (random.nextDouble() - 0.5) * 3.4);
                    prices.append(day).append(',').append(factors[f]).append(',')
                            .append(String.format(Locale.ROOT, "%.6f", level[f])).append('\n');
                }
            }
            day = day.plusDays(1);
        }
        stage("staged/market-data/2026-11-27/prices.csv", prices.toString());
    }

    private void stage(String key, String content) {
        store.put(ObjectRef.of(bucket, key), content.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private VarReport report() throws IOException {
        return VarPipeline.readReport(new ByteArrayInputStream(
                store.read(ObjectRef.of(bucket, "results/risk/2026-11-27/var.json"))));
    }

    private List<String> keys(String prefix) {
        return store.list(bucket, prefix).stream().map(StoredObject::ref).map(ObjectRef::key).toList();
    }

    private static void handle(RiskConsumer consumer, String body) throws Exception {
        handle(consumer, body, "m");
    }

    private static void handle(RiskConsumer consumer, String body, String messageId) throws Exception {
        consumer.handle(new JobMessage(messageId, body, 1, JobTrace.none()));
    }

    private static void handleUnchecked(RiskConsumer consumer, String body) {
        try {
            handle(consumer, body, java.util.UUID.randomUUID().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> bodies(String queue) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (var message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static <T> List<T> received(String queue, Class<T> type) {
        return bodies(queue).stream().map(body -> JsonCodec.read(body, type)).toList();
    }
}
