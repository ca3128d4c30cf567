package com.nightshift.infra;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.ReportingDeployment;
import com.nightshift.infra.config.Setting;
import com.nightshift.infra.config.Workload;
import com.nightshift.infra.constructs.AppSecret;
import com.nightshift.infra.constructs.DataBuckets;
import com.nightshift.infra.constructs.EncryptedLogGroup;
import com.nightshift.infra.constructs.Network;
import com.nightshift.infra.constructs.NightlyRiskSchedule;
import com.nightshift.infra.constructs.NightshiftService;
import com.nightshift.infra.constructs.QueueWithDeadLetter;
import com.nightshift.infra.constructs.OperationsDashboard;
import com.nightshift.infra.constructs.QueueAlarms;
import com.nightshift.infra.constructs.ReportsEndpoint;
import com.nightshift.infra.constructs.ServiceAlarms;
import com.nightshift.infra.constructs.ServiceScaling;
import com.nightshift.infra.constructs.TaskFailureRate;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.ExecuteCommandConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogConfiguration;
import software.amazon.awscdk.services.ecs.ExecuteCommandLogging;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * {@code nightshift-workload-<suffix>}: everything that runs the nightly batch. Buckets, queues,
 * the S3-to-SQS trigger, the application secret, the network, the ECS cluster with one service per
 * {@link Workload}, the load balancer in front of reporting-service, the nightly risk schedule, and
 * the alarms docs/operations.md describes. Names and per-service configuration follow
 * docs/architecture.md; named resources are {@code <type>-<purpose>-<suffix>}, log groups excepted
 * (paths, {@code /nightshift/<suffix>/...}, so key and IAM conditions can match the prefix).
 */
public final class WorkloadStack extends Stack {

    public static final String VAR_SCENARIOS = "10000";
    public static final String VAR_CONFIDENCE = "0.99";
    public static final String VAR_SEED = "20261120";

    private final Map<Workload, NightshiftService> services = new EnumMap<>(Workload.class);

    public WorkloadStack(Construct scope, EnvironmentConfig config, StackProps props) {
        super(scope, "nightshift-workload-" + config.environmentSuffix(), props);
        String suffix = config.environmentSuffix();

        Key key = Key.Builder.create(this, "WorkloadKey")
                .alias("alias/kms-workload-" + suffix)
                .description("Nightshift " + suffix + ": buckets, queues, logs and the application secret")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch Logs encrypts log groups with the key itself, so its service principal needs use of it.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("logs." + config.region() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", List.of(
                        "arn:" + Aws.PARTITION + ":logs:" + config.region() + ":" + Aws.ACCOUNT_ID + ":log-group:" + EncryptedLogGroup.name("*", suffix),
                        "arn:" + Aws.PARTITION + ":logs:" + config.region() + ":" + Aws.ACCOUNT_ID + ":log-group:"
                                + TaskFailureRate.taskEventsLogGroupName(suffix)))))
                .build());

        DataBuckets buckets = new DataBuckets(this, "Buckets", config.bucketMode(), suffix, key);
        QueueWithDeadLetter ingest = new QueueWithDeadLetter(this, "IngestQueue", "ingest", suffix, Duration.minutes(5), key);
        QueueWithDeadLetter recon = new QueueWithDeadLetter(this, "ReconQueue", "recon", suffix, Duration.minutes(5), key);
        QueueWithDeadLetter risk = new QueueWithDeadLetter(this, "RiskQueue", "risk", suffix, Duration.minutes(15), key);
        QueueWithDeadLetter report = new QueueWithDeadLetter(this, "ReportQueue", "report", suffix, Duration.minutes(5), key);

        // New inbound files become ingest jobs: S3 announces them to EventBridge, the rule forwards them.
        Rule.Builder.create(this, "InboundObjectCreated")
                .ruleName("rule-inbound-" + suffix)
                .description("Object Created under inbound/ in the data bucket -> ingest queue")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(buckets.data().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", "inbound/")))))
                        .build())
                .targets(List.of(new SqsQueue(ingest.queue())))
                .build();
        // EventBridge writes to the KMS-encrypted ingest queue, so it must be able to use the key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .build());

        AppSecret secret = new AppSecret(this, "AppSecret", config.secretMode(), suffix, key);
        Network network = new Network(this, "Network", config);
        network.logFlows(new EncryptedLogGroup(this, "FlowLogs", EncryptedLogGroup.name("vpc-flow", suffix), key).logGroup());

        // ECS Exec sessions are encrypted with the workload key and recorded in their own log group.
        var execLogs = new EncryptedLogGroup(this, "ExecLogs", EncryptedLogGroup.name("ecs-exec", suffix), key).logGroup();
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("ecs-nightshift-" + suffix)
                .vpc(network.vpc())
                .containerInsightsV2(ContainerInsights.ENHANCED)
                .enableFargateCapacityProviders(true)
                .executeCommandConfiguration(ExecuteCommandConfiguration.builder()
                        .kmsKey(key)
                        .logging(ExecuteCommandLogging.OVERRIDE)
                        .logConfiguration(ExecuteCommandLogConfiguration.builder()
                                .cloudWatchLogGroup(execLogs)
                                .cloudWatchEncryptionEnabled(true)
                                .build())
                        .build())
                .build();

        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.DATA_BUCKET, buckets.data().getBucketName());
        settings.put(Setting.STAGING_BUCKET, buckets.staging().getBucketName());
        settings.put(Setting.OUTPUT_BUCKET, buckets.output().getBucketName());
        settings.put(Setting.INGEST_QUEUE_URL, ingest.queue().getQueueUrl());
        settings.put(Setting.RECON_QUEUE_URL, recon.queue().getQueueUrl());
        settings.put(Setting.RISK_QUEUE_URL, risk.queue().getQueueUrl());
        settings.put(Setting.REPORT_QUEUE_URL, report.queue().getQueueUrl());
        settings.put(Setting.VAR_SCENARIOS, VAR_SCENARIOS);
        settings.put(Setting.VAR_CONFIDENCE, VAR_CONFIDENCE);
        settings.put(Setting.VAR_SEED, VAR_SEED);
        settings.put(Setting.MICRONAUT_SERVER_PORT, Integer.toString(NightshiftService.CONTAINER_PORT));
        settings.put(Setting.OTEL_EXPORTER_OTLP_ENDPOINT, NightshiftService.COLLECTOR_OTLP_ENDPOINT);

        for (Workload workload : Workload.values()) {
            Map<String, String> environment = new TreeMap<>();
            workload.settings().forEach(s -> environment.put(s.name(), settings.get(s)));
            services.put(workload, new NightshiftService(this, workload.logicalName() + "Service",
                    new NightshiftService.Props(workload, config.sizing(workload), suffix, cluster, network.vpc(),
                            environment, secret.secret(), AppSecret.SIGNING_KEY_FIELD, key, config.collectorImage(),
                            workload.servesHttp() && config.reportingDeployment() == ReportingDeployment.BLUE_GREEN)));
        }

        // Each task role reaches only the prefixes and queues of its own stage (docs/architecture.md).
        IGrantable ingestion = services.get(Workload.INGESTION).taskRole();
        buckets.data().grantRead(ingestion, "inbound/*");
        buckets.staging().grantReadWrite(ingestion, "staged/*");
        buckets.staging().grantWrite(ingestion, "rejects/*");
        // Read too: a re-ingested file finds its previous summary to remove staged objects it no longer produces.
        buckets.staging().grantReadWrite(ingestion, "ingested/*");
        ingest.queue().grantConsumeMessages(ingestion);
        recon.queue().grantSendMessages(ingestion);
        risk.queue().grantSendMessages(ingestion);

        IGrantable processing = services.get(Workload.PROCESSING).taskRole();
        buckets.staging().grantRead(processing, "staged/*");
        buckets.staging().grantReadWrite(processing, "results/recon/*");
        recon.queue().grantConsumeMessages(processing);
        report.queue().grantSendMessages(processing);

        IGrantable riskRole = services.get(Workload.RISK).taskRole();
        buckets.staging().grantRead(riskRole, "staged/*");
        buckets.staging().grantReadWrite(riskRole, "results/risk/*");
        risk.queue().grantConsumeMessages(riskRole);
        report.queue().grantSendMessages(riskRole);

        IGrantable reporting = services.get(Workload.REPORTING).taskRole();
        buckets.staging().grantRead(reporting, "results/*");
        buckets.output().grantReadWrite(reporting, "reports/*");
        report.queue().grantConsumeMessages(reporting);

        // Operations: one encrypted topic for every alarm, and one dashboard.
        Topic alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .topicName("sns-alarms-" + suffix)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        OperationsDashboard dashboard = new OperationsDashboard(this, "Operations", "dash-nightshift-" + suffix,
                cluster.getClusterName(), EmulatorLimits.dashboardShowsAlarms(config.localEmulator()));
        for (Workload workload : Workload.values()) {
            ServiceAlarms alarms = new ServiceAlarms(this, workload.logicalName() + "Alarms", workload.moduleName(), suffix,
                    services.get(workload).service(), cluster.getClusterName(), config.sizing(workload).maxCount(),
                    config.alarms(), alarmTopic);
            dashboard.service(workload.moduleName(), services.get(workload).service()).alarms(alarms.alarms());
        }
        Map<String, QueueWithDeadLetter> allQueues = new LinkedHashMap<>();
        allQueues.put("ingest", ingest);
        allQueues.put("recon", recon);
        allQueues.put("risk", risk);
        allQueues.put("report", report);
        allQueues.forEach((purpose, queues) -> {
            QueueAlarms alarms = new QueueAlarms(this, Character.toUpperCase(purpose.charAt(0)) + purpose.substring(1) + "QueueAlarms",
                    purpose, suffix, queues, config.alarms().oldestMessageAgeMinutes(), alarmTopic);
            dashboard.queue(purpose, queues).alarms(alarms.alarms());
        });
        TaskFailureRate taskFailures = new TaskFailureRate(this, "TaskFailures", suffix, cluster.getClusterArn(), key, alarmTopic);
        dashboard.alarms(List.of(taskFailures.alarm()));

        ReportsEndpoint endpoint = new ReportsEndpoint(this, "Reports", suffix, network.vpc(),
                services.get(Workload.REPORTING), config.certificateArn(), buckets.accessLogs(), config.reportingDeployment());
        dashboard.alarms(endpoint.alarms(suffix, alarmTopic));
        dashboard.build();

        new NightlyRiskSchedule(this, "NightlyRisk", suffix, config.riskSchedule(), risk.queue(), key);
        services.values().forEach(NightshiftService::acceptScopedGrantWildcards);

        Map<Workload, IQueue> workQueues = new EnumMap<>(Map.of(
                Workload.INGESTION, ingest.queue(), Workload.PROCESSING, recon.queue(),
                Workload.RISK, risk.queue(), Workload.REPORTING, report.queue()));
        for (Workload workload : Workload.values()) {
            // The HTTP service scales on CPU only; workers also on their queue's backlog.
            Optional<IQueue> backlog = workload.servesHttp() ? Optional.empty() : Optional.of(workQueues.get(workload));
            new ServiceScaling(this, workload.logicalName() + "Scaling", workload.moduleName(), suffix,
                    services.get(workload).service(), config.sizing(workload), cluster.getClusterName(), backlog);
        }

        output("DataBucketName", buckets.data().getBucketName());
        output("StagingBucketName", buckets.staging().getBucketName());
        output("OutputBucketName", buckets.output().getBucketName());
        output("IngestQueueUrl", ingest.queue().getQueueUrl());
        output("ReconQueueUrl", recon.queue().getQueueUrl());
        output("RiskQueueUrl", risk.queue().getQueueUrl());
        output("ReportQueueUrl", report.queue().getQueueUrl());
        output("IngestDeadLetterQueueUrl", ingest.deadLetterQueue().getQueueUrl());
        output("ReconDeadLetterQueueUrl", recon.deadLetterQueue().getQueueUrl());
        output("RiskDeadLetterQueueUrl", risk.deadLetterQueue().getQueueUrl());
        output("ReportDeadLetterQueueUrl", report.deadLetterQueue().getQueueUrl());
        output("ClusterName", cluster.getClusterName());
        output("ReportsEndpoint", endpoint.url());
        output("AlarmTopicArn", alarmTopic.getTopicArn());
    }

    /**
     * Three zones chosen at deployment ({@code Fn::GetAZs}): without an account, CDK would otherwise
     * give a stack only two, and naming zones in the template ties it to one account's zone names.
     */
    @Override
    public List<String> getAvailabilityZones() {
        return IntStream.range(0, Network.ZONES)
                .mapToObj(i -> Fn.select(i, Fn.getAzs()))
                .toList();
    }

    /** An output whose logical id is exactly {@code id}, which the stack harness reads. */
    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build().overrideLogicalId(id);
    }

    public NightshiftService service(Workload workload) {
        return services.get(workload);
    }
}
