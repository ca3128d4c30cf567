package com.nightshift.infra;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.ReportingDeployment;
import com.nightshift.infra.config.Setting;
import com.nightshift.infra.config.Workload;
import com.nightshift.infra.constructs.AppSecret;
import com.nightshift.infra.constructs.DataBuckets;
import com.nightshift.infra.constructs.EncryptedLogGroup;
import com.nightshift.infra.constructs.Network;
import com.nightshift.infra.constructs.DeadlineAlarms;
import com.nightshift.infra.constructs.NightlyRiskSchedule;
import com.nightshift.infra.constructs.NightshiftService;
import com.nightshift.infra.constructs.QueueWithDeadLetter;
import com.nightshift.infra.constructs.OperationsDashboard;
import com.nightshift.infra.constructs.QueueAlarms;
import com.nightshift.infra.constructs.ReportsEndpoint;
import com.nightshift.infra.constructs.ReportsTokenSecret;
import com.nightshift.infra.constructs.ServiceAlarms;
import com.nightshift.infra.constructs.ServiceScaling;
import com.nightshift.infra.constructs.TaskFailureRate;
import com.nightshift.risk.var.VarSettings;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.CfnClusterCapacityProviderAssociations;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
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

    /**
     * The risk service's seed and sampling method: {@link VarSettings#DEFAULTS}, the same the command line
     * uses. The scenario count and shard size come from the environment's configuration
     * ({@link EnvironmentConfig#riskRun()}, itself the defaults unless the file says otherwise).
     */
    public static final String VAR_SEED = "" + VarSettings.DEFAULT_SEED;
    public static final String VAR_METHOD = VarSettings.DEFAULT_METHOD;
    public static final String VAR_RATE = "" + VarSettings.DEFAULT_HISTORY_RATE;
    /** The stack parameter with the digest of the collector sidecar image in the pull-through cache. */
    public static final String COLLECTOR_DIGEST_PARAMETER = "CollectorImageDigest";

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
        String inboundRuleName = "rule-inbound-" + suffix;
        Rule inbound = Rule.Builder.create(this, "InboundObjectCreated")
                .ruleName(inboundRuleName)
                .description("Object Created under inbound/ in the data bucket -> ingest queue")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(buckets.data().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", "inbound/")))))
                        .build())
                .build();
        // The target is the queue's ARN alone: CDK's SqsQueue target would also grant EventBridge the
        // queue and the key with no source condition, for any rule of any account (confused deputy).
        ((CfnRule) inbound.getNode().getDefaultChild()).setTargets(List.of(CfnRule.TargetProperty.builder()
                .id("IngestQueue").arn(ingest.queue().getQueueArn()).build()));
        String inboundRuleArn = arn("events", "rule/" + inboundRuleName);
        ingest.queue().addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("InboundRuleSendsIngestJobs")
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(ingest.queue().getQueueArn()))
                .conditions(fromThisAccount(Map.of("ArnEquals", Map.of("aws:SourceArn", inboundRuleArn))))
                .build());
        // EventBridge writes to the KMS-encrypted ingest queue, so it must be able to use the key: for
        // this stack's rule only. The rule ARN is built from its name, so the key does not depend on it.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("InboundRuleEncryptsIngestJobs")
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(fromThisAccount(Map.of("ArnEquals", Map.of("aws:SourceArn", inboundRuleArn))))
                .build());

        AppSecret secret = new AppSecret(this, "AppSecret", config.secretMode(), suffix, key);
        ReportsTokenSecret tokenSecret = new ReportsTokenSecret(this, "ReportsTokenSecret", config.secretMode(), suffix,
                key, secret);
        Network network = new Network(this, "Network", config);
        network.logFlows(new EncryptedLogGroup(this, "FlowLogs", EncryptedLogGroup.name("vpc-flow", suffix), key).logGroup());

        // No ECS Exec: the containers have a read-only root filesystem and no shell (see NightshiftService).
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("ecs-nightshift-" + suffix)
                .vpc(network.vpc())
                .containerInsightsV2(ContainerInsights.ENHANCED)
                .build();
        // Declared here rather than with enableFargateCapacityProviders, whose association CDK adds only
        // at synthesis, too late for the services to depend on it (see below).
        CfnClusterCapacityProviderAssociations capacityProviders = CfnClusterCapacityProviderAssociations.Builder
                .create(this, "ClusterCapacityProviders")
                .cluster(cluster.getClusterName())
                .capacityProviders(List.of("FARGATE", "FARGATE_SPOT"))
                .defaultCapacityProviderStrategy(List.of())
                .build();
        // The collector sidecar comes from the registry stack's pull-through cache of ECR Public, by digest.
        CfnParameter collectorDigest = CfnParameter.Builder.create(this, COLLECTOR_DIGEST_PARAMETER)
                .type("String")
                .allowedPattern("^sha256:[a-f0-9]{64}$")
                .defaultValue(config.collectorDigest().orElse(NightshiftService.ZERO_DIGEST))
                .description("Digest of " + config.collectorImage() + " in the pull-through cache "
                        + RegistryStack.publicCachePrefix(suffix) + "/ (the deployment resolves it)")
                .build();
        IRepository collectorRepository = Repository.fromRepositoryName(this, "CollectorRepository",
                RegistryStack.cachedRepositoryName(suffix, config.collectorRepository()));

        // Job notifications: night complete, job failed or dead-lettered (docs/operations.md). The services
        // publish; operators and downstream systems subscribe.
        Topic jobTopic = Topic.Builder.create(this, "JobTopic")
                .topicName("sns-jobs-" + suffix)
                .masterKey(key)
                .enforceSsl(true)
                .build();

        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.DATA_BUCKET, buckets.data().getBucketName());
        settings.put(Setting.STAGING_BUCKET, buckets.staging().getBucketName());
        settings.put(Setting.OUTPUT_BUCKET, buckets.output().getBucketName());
        settings.put(Setting.INGEST_QUEUE_URL, ingest.queue().getQueueUrl());
        settings.put(Setting.RECON_QUEUE_URL, recon.queue().getQueueUrl());
        settings.put(Setting.RISK_QUEUE_URL, risk.queue().getQueueUrl());
        settings.put(Setting.REPORT_QUEUE_URL, report.queue().getQueueUrl());
        settings.put(Setting.VAR_SCENARIOS, Integer.toString(config.riskRun().scenarios()));
        settings.put(Setting.VAR_SEED, VAR_SEED);
        settings.put(Setting.VAR_METHOD, VAR_METHOD);
        settings.put(Setting.VAR_RATE, VAR_RATE);
        settings.put(Setting.VAR_SHARD_SCENARIOS, Integer.toString(config.riskRun().shardScenarios()));
        settings.put(Setting.MICRONAUT_SERVER_PORT, Integer.toString(NightshiftService.CONTAINER_PORT));
        settings.put(Setting.OTEL_EXPORTER_OTLP_ENDPOINT, NightshiftService.COLLECTOR_OTLP_ENDPOINT);
        settings.put(Setting.NOTIFICATION_TOPIC_ARN, jobTopic.getTopicArn());
        settings.put(Setting.METRICS_NAMESPACE, TaskFailureRate.namespace(suffix));
        settings.put(Setting.REPORTS_PRESIGN_SECONDS, Integer.toString(config.reportsPresignSeconds()));
        config.reportsJwksUrl().ifPresent(url -> settings.put(Setting.REPORTS_JWKS_URL, url));

        for (Workload workload : Workload.values()) {
            Map<String, String> environment = new TreeMap<>();
            // A setting the environment leaves out (an optional one, such as REPORTS_JWKS_URL) is not given.
            workload.settings().stream().filter(settings::containsKey)
                    .forEach(s -> environment.put(s.name(), settings.get(s)));
            Map<String, software.amazon.awscdk.services.ecs.Secret> secrets = new TreeMap<>();
            secrets.put("MANIFEST_SIGNING_KEY",
                    software.amazon.awscdk.services.ecs.Secret.fromSecretsManager(secret.secret(), AppSecret.SIGNING_KEY_FIELD));
            if (workload.servesHttp()) {
                // The HTTP API verifies bearer tokens; the workers never see the key.
                secrets.put(ReportsTokenSecret.VARIABLE, tokenSecret.containerSecret());
            }
            services.put(workload, new NightshiftService(this, workload.logicalName() + "Service",
                    new NightshiftService.Props(workload, config.sizing(workload), suffix, cluster, network,
                            environment, secrets, key, collectorRepository,
                            collectorDigest.getValueAsString(),
                            workload.servesHttp() && config.reportingDeployment() == ReportingDeployment.BLUE_GREEN)));
        }
        // CreateService fails ("capacity provider is not associated with the cluster") unless the
        // FARGATE / FARGATE_SPOT association exists first; CloudFormation would otherwise run them in parallel.
        services.values().forEach(s -> s.service().getNode().addDependency(capacityProviders));

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
        // Open items carried from one night of an account to the next (docs/architecture.md).
        buckets.staging().grantReadWrite(processing, "open-items/*");
        recon.queue().grantConsumeMessages(processing);
        // A night whose open items change asks the account's next night to run again.
        recon.queue().grantSendMessages(processing);
        report.queue().grantSendMessages(processing);

        IGrantable riskRole = services.get(Workload.RISK).taskRole();
        buckets.staging().grantRead(riskRole, "staged/*");
        buckets.staging().grantReadWrite(riskRole, "results/risk/*");
        risk.queue().grantConsumeMessages(riskRole);
        report.queue().grantSendMessages(riskRole);

        IGrantable reporting = services.get(Workload.REPORTING).taskRole();
        buckets.staging().grantRead(reporting, "results/*");
        buckets.output().grantReadWrite(reporting, "reports/*");
        // Which nights' completion has been announced, so that it is announced once (docs/operations.md).
        buckets.output().grantReadWrite(reporting, "notices/*");
        report.queue().grantConsumeMessages(reporting);

        // Every service publishes job notices: its identity policy grants the topic and the key's data keys,
        // and the topic policy (which enforceSsl creates) names the task roles, over TLS only.
        List<IRole> publishers = services.values().stream().map(NightshiftService::taskRole).toList();
        publishers.forEach(jobTopic::grantPublish);
        jobTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("TaskRolesPublishJobNotices")
                .principals(publishers.stream()
                                .map(role -> (IPrincipal) new ArnPrincipal(role.getRoleArn())).toList())
                .actions(List.of("sns:Publish"))
                .resources(List.of(jobTopic.getTopicArn()))
                .conditions(Map.of("Bool", Map.of("aws:SecureTransport", "true")))
                .build());

        // Operations: one encrypted topic for every alarm, and one dashboard.
        Topic alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .topicName("sns-alarms-" + suffix)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // enforceSsl writes a topic policy, and a topic policy replaces the default one: without this
        // statement CloudWatch may not publish, and every alarm would fire into silence.
        String alarmsOfThisAccount = arn("cloudwatch", "alarm:*");
        alarmTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarmTopic.getTopicArn()))
                .conditions(fromThisAccount(Map.of("ArnLike", Map.of("aws:SourceArn", alarmsOfThisAccount))))
                .build());
        // The topic is encrypted with the workload key: publishing needs a data key from it.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsEncryptNotifications")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(fromThisAccount(Map.of("ArnLike", Map.of("aws:SourceArn", alarmsOfThisAccount))))
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
        DeadlineAlarms deadline = new DeadlineAlarms(this, "Deadline", suffix, TaskFailureRate.namespace(suffix),
                config.alarms(), alarmTopic);
        dashboard.alarms(deadline.alarms()).businessGraph("Night: seconds before the deadline", deadline.nightMetrics(),
                List.of());

        ReportsEndpoint endpoint = new ReportsEndpoint(this, "Reports", suffix, network,
                services.get(Workload.REPORTING), config.certificateArn(), buckets.accessLogs(), config.reportingDeployment());
        dashboard.alarms(endpoint.alarms(suffix, alarmTopic));
        dashboard.build();

        new NightlyRiskSchedule(this, "NightlyRisk", suffix, config.riskSchedule(), risk.queue(), key);
        services.values().forEach(NightshiftService::acceptScopedGrantWildcards);

        Map<Workload, IQueue> workQueues = new EnumMap<>(Map.of(
                Workload.INGESTION, ingest.queue(), Workload.PROCESSING, recon.queue(),
                Workload.RISK, risk.queue(), Workload.REPORTING, report.queue()));
        for (Workload workload : Workload.values()) {
            // The HTTP service scales on CPU only; workers also on their queue's backlog. A large VaR run's
            // shard and merge messages ride the risk queue, so its backlog scaling spreads them over tasks.
            Optional<IQueue> backlog = workload.servesHttp() ? Optional.empty() : Optional.of(workQueues.get(workload));
            new ServiceScaling(this, workload.logicalName() + "Scaling", workload.moduleName(), suffix,
                    services.get(workload).service(), config.sizing(workload), cluster.getClusterName(), backlog);
        }

        Outputs outputs = Outputs.of(this)
                .add("DataBucketName", buckets.data().getBucketName())
                .add("StagingBucketName", buckets.staging().getBucketName())
                .add("OutputBucketName", buckets.output().getBucketName())
                .add("IngestQueueUrl", ingest.queue().getQueueUrl())
                .add("ReconQueueUrl", recon.queue().getQueueUrl())
                .add("RiskQueueUrl", risk.queue().getQueueUrl())
                .add("ReportQueueUrl", report.queue().getQueueUrl())
                .add("IngestDeadLetterQueueUrl", ingest.deadLetterQueue().getQueueUrl())
                .add("ReconDeadLetterQueueUrl", recon.deadLetterQueue().getQueueUrl())
                .add("RiskDeadLetterQueueUrl", risk.deadLetterQueue().getQueueUrl())
                .add("ReportDeadLetterQueueUrl", report.deadLetterQueue().getQueueUrl())
                .add("ClusterName", cluster.getClusterName())
                .add("ReportsEndpoint", endpoint.url())
                .add("AlarmTopicArn", alarmTopic.getTopicArn())
                .add("NotificationTopicArn", jobTopic.getTopicArn())
                .add("WorkloadKeyArn", key.getKeyArn());
        for (Workload workload : Workload.values()) {
            outputs.add(workload.logicalName() + "TaskRoleArn", services.get(workload).taskRole().getRoleArn());
        }
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>} of this stack's account and region. */
    private String arn(String service, String resource) {
        return "arn:" + Aws.PARTITION + ":" + service + ":" + getRegion() + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    /**
     * {@code conditions} plus {@code aws:SourceAccount} of this account: a service principal acts for
     * this account's resources only, never for someone else's (the confused deputy problem).
     */
    private static Map<String, Object> fromThisAccount(Map<String, Object> conditions) {
        Map<String, Object> all = new TreeMap<>(conditions);
        all.put("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID));
        return all;
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
}
