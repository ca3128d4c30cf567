package com.nightshift.infra.constructs;

import com.nightshift.infra.config.ServiceSizing;
import com.nightshift.infra.config.Workload;
import com.nightshift.infra.RegistryStack;
import com.nightshift.infra.compliance.Suppressions;
import com.nightshift.infra.config.TaskShape;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.DeploymentStrategy;
import software.amazon.awscdk.services.ecs.TrafficShiftConfig;
import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * One Nightshift service on Fargate: a task definition with the application container (named
 * after the module, listening on {@link #CONTAINER_PORT}, user 1000, read-only root filesystem with
 * a writable /tmp), its log group, an OpenTelemetry collector sidecar with its own log group and a
 * metrics log group, and a service in the private subnets without public IPs, on platform 1.4.0, with a
 * deployment circuit breaker that rolls back (rolling deployments, or linear blue/green for the HTTP
 * service when {@code Props.blueGreen}) and the stack's tags propagated to its tasks. The image is the
 * service's ECR repository at the digest given by the stack parameter {@code <Logical>ImageDigest};
 * the collector is the account's pull-through cache of its public image at {@code Props.collectorDigest}.
 * The execution role may pull exactly those two repositories. No ECS Exec: the containers have a
 * read-only root filesystem and no shell, so there is nothing for a session to run (README "Operating
 * the services"). Callers grant the task role what the service needs.
 */
public final class NightshiftService extends Construct {

    public static final int CONTAINER_PORT = 8080;
    public static final String CONTAINER_USER = "1000";
    public static final String COLLECTOR_NAME = "otel-collector";
    /** The collector's OTLP/HTTP receiver; containers of an awsvpc task share the loopback interface. */
    public static final String COLLECTOR_OTLP_ENDPOINT = "http://127.0.0.1:4318";
    public static final Duration STOP_TIMEOUT = Duration.seconds(120);
    public static final Duration HEALTH_CHECK_GRACE = Duration.seconds(120);
    /** Blue/green: traffic moves to the new version this many percent at a time ... */
    public static final int LINEAR_STEP_PERCENT = 10;
    /** ... one step a minute, so the whole shift takes 10 minutes ... */
    public static final Duration LINEAR_STEP_BAKE = Duration.minutes(1);
    /** ... and the old version keeps running this long after the last step, ready for a rollback. */
    public static final Duration BLUE_GREEN_BAKE_TIME = Duration.minutes(10);
    private static final String TMP_VOLUME = "tmp";
    public static final String ZERO_DIGEST = "sha256:" + "0".repeat(64);
    /** Runs inside the image; exits 0 when the service's /health answers 200 (class in the common module). */
    public static final List<String> HEALTH_CHECK_COMMAND =
            List.of("CMD", "java", "-cp", "/app/classpath/*:/app/libs/*", "com.nightshift.common.health.HealthProbe");

    public static final List<String> COLLECTOR_HEALTH_CHECK_COMMAND = List.of("CMD", "/healthcheck");

    private final FargateTaskDefinition taskDefinition;
    private final ContainerDefinition container;
    private final FargateService service;
    private final ISecurityGroup securityGroup;

    /**
     * What the service runs with; the environment is exactly the variables the service reads, and the
     * secrets (variable name to Secrets Manager field) exactly the secrets it reads.
     */
    public record Props(
            Workload workload,
            ServiceSizing sizing,
            String environmentSuffix,
            ICluster cluster,
            Network network,
            Map<String, String> environment,
            Map<String, Secret> secrets,
            IKey key,
            IRepository collectorRepository,
            String collectorDigest,
            boolean blueGreen) {
    }

    public NightshiftService(Construct scope, String id, Props props) {
        super(scope, id);
        Workload workload = props.workload();
        String name = workload.moduleName();
        String suffix = props.environmentSuffix();

        CfnParameter digest = CfnParameter.Builder.create(Stack.of(this), workload.logicalName() + "ImageDigest")
                .type("String")
                .allowedPattern("^sha256:[a-f0-9]{64}$")
                .defaultValue(ZERO_DIGEST)
                .description("Image digest of " + name + " in ECR repository ecr-" + name + "-" + suffix)
                .build();
        IRepository repository = Repository.fromRepositoryName(this, "Repository",
                RegistryStack.repositoryName(workload, suffix));

        var logGroup = new EncryptedLogGroup(this, "Logs", EncryptedLogGroup.name(name, suffix), props.key()).logGroup();

        this.taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
                .family("task-" + name + "-" + suffix)
                .cpu(props.sizing().cpu())
                .memoryLimitMiB(props.sizing().memoryMiB())
                .volumes(List.of(Volume.builder().name(TMP_VOLUME).build()))
                .build();
        repository.grantPull(taskDefinition.obtainExecutionRole());

        this.container = taskDefinition.addContainer("App", ContainerDefinitionOptions.builder()
                .containerName(name)
                .image(ContainerImage.fromRegistry(repository.repositoryUriForDigest(digest.getValueAsString())))
                .essential(true)
                .cpu(TaskShape.appCpu(props.sizing()))
                .memoryLimitMiB(TaskShape.appMemoryMiB(props.sizing()))
                .user(CONTAINER_USER)
                .readonlyRootFilesystem(true)
                .stopTimeout(STOP_TIMEOUT)
                .portMappings(List.of(PortMapping.builder().containerPort(CONTAINER_PORT).build()))
                .environment(props.environment())
                .secrets(props.secrets())
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logGroup)
                        .streamPrefix(name)
                        .build()))
                .healthCheck(healthCheck(HEALTH_CHECK_COMMAND, Duration.seconds(60)))
                .build());
        // The root filesystem is read-only; the JVM and the HTTP server write temporary files here.
        container.addMountPoints(MountPoint.builder().sourceVolume(TMP_VOLUME).containerPath("/tmp").readOnly(false).build());
        addCollector(props,
                new EncryptedLogGroup(this, "CollectorLogs", EncryptedLogGroup.name(name + "-collector", suffix), props.key()).logGroup(),
                new EncryptedLogGroup(this, "MetricsLogs", metricsLogGroupName(workload, suffix), props.key()).logGroup());
        if (!workload.servesHttp()) {
            allowScaleInProtection(props);
        }

        Suppressions.suppress(taskDefinition, "AwsSolutions-ECS2",
                "The plain environment holds bucket names, queue URLs and tuning values, which are not secret "
                        + "(docs/architecture.md); the secrets (MANIFEST_SIGNING_KEY, and REPORTS_TOKEN_KEY for "
                        + "reporting-service) come from Secrets Manager.");
        Suppressions.suppress(taskDefinition.obtainExecutionRole(), "AwsSolutions-IAM5",
                "ecr:GetAuthorizationToken has no resource-level permissions; image pulls are limited to this "
                        + "service's repository.", List.of("Resource::*"));

        this.securityGroup = props.network().securityGroup(this, workload.logicalName() + "SecurityGroupId",
                name + " tasks: no inbound except from its load balancer, if any", true);

        FargateService.Builder service = FargateService.Builder.create(this, "Service")
                .serviceName("svc-" + name + "-" + suffix)
                .cluster(props.cluster())
                .taskDefinition(taskDefinition)
                .platformVersion(FargatePlatformVersion.VERSION1_4)
                .capacityProviderStrategies(capacityFor(workload))
                .desiredCount(props.sizing().desiredCount())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                // Tasks carry the stack's tags (Environment, Project, CostCenter) for cost allocation.
                .propagateTags(PropagatedTagSource.SERVICE)
                .enableEcsManagedTags(true)
                .assignPublicIp(false)
                .vpcSubnets(SubnetSelection.builder().subnets(props.network().vpc().getPrivateSubnets()).build())
                .securityGroups(List.of(securityGroup));
        if (workload.servesHttp()) {
            // Time for the JVM to start before load balancer health checks count against a new task.
            service.healthCheckGracePeriod(HEALTH_CHECK_GRACE);
        }
        if (props.blueGreen()) {
            // ECS native linear blue/green (no CodeDeploy): the load balancer side is in ReportsEndpoint.
            service.deploymentStrategy(DeploymentStrategy.LINEAR)
                    .linearConfiguration(TrafficShiftConfig.builder()
                            .stepPercent(LINEAR_STEP_PERCENT)
                            .stepBakeTime(LINEAR_STEP_BAKE)
                            .build())
                    .bakeTime(BLUE_GREEN_BAKE_TIME);
        }
        this.service = service.build();
    }

    /** The log group the collector of {@code workload} writes EMF metrics to. */
    public static String metricsLogGroupName(Workload workload, String environmentSuffix) {
        return EncryptedLogGroup.name(workload.moduleName() + "-metrics", environmentSuffix);
    }

    /** Every 30 s, 5 s to answer, unhealthy after 3 failures, once {@code startPeriod} has passed. */
    private static HealthCheck healthCheck(List<String> command, Duration startPeriod) {
        return HealthCheck.builder()
                .command(command)
                .interval(Duration.seconds(30))
                .timeout(Duration.seconds(5))
                .retries(3)
                .startPeriod(startPeriod)
                .build();
    }

    /**
     * A worker asks the ECS agent to protect its task from scale-in while it holds a job
     * ({@code $ECS_AGENT_URI/task-protection/v1/state}); the agent does that with the task role, so
     * the role may update and read the protection of this cluster's tasks, and nothing else.
     */
    private void allowScaleInProtection(Props props) {
        taskDefinition.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:UpdateTaskProtection", "ecs:GetTaskProtection"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("ecs").resource("task").resourceName(props.cluster().getClusterName() + "/*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        Suppressions.suppress(taskDefinition.getTaskRole(), "AwsSolutions-IAM5",
                "Scale-in protection: a task's id is known only once it runs, so the resource is every task of "
                        + "this cluster; the actions only protect or unprotect a task from scale-in.",
                List.of(Suppressions.matching("^Resource::arn:<AWS::Partition>:ecs:.*:task\\/<Cluster[A-Za-z0-9]+>\\/\\*$")));
    }

    /**
     * The ADOT collector beside the service: it receives OTLP on localhost (the service's
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT} points at it) and forwards traces to X-Ray and metrics as EMF
     * logs to {@code metricsLogs}, configured by {@link CollectorConfig}. Not essential: losing telemetry
     * must not stop a nightly run.
     */
    private void addCollector(Props props, ILogGroup logGroup, ILogGroup metricsLogs) {
        props.collectorRepository().grantPull(taskDefinition.obtainExecutionRole());
        // Should the cache ever have dropped the image, the pull fetches it from upstream again.
        taskDefinition.obtainExecutionRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecr:BatchImportUpstreamImage"))
                .resources(List.of(props.collectorRepository().getRepositoryArn()))
                .build());
        ContainerDefinition collector = taskDefinition.addContainer("Collector", ContainerDefinitionOptions.builder()
                .containerName(COLLECTOR_NAME)
                .image(ContainerImage.fromRegistry(props.collectorRepository().repositoryUriForDigest(props.collectorDigest())))
                .essential(false)
                .cpu(TaskShape.COLLECTOR_CPU)
                .memoryLimitMiB(TaskShape.COLLECTOR_MEMORY_MIB)
                .readonlyRootFilesystem(true)
                .environment(Map.of(CollectorConfig.ENVIRONMENT_VARIABLE,
                        new CollectorConfig(metricsLogs.getLogGroupName(), TaskFailureRate.namespace(props.environmentSuffix())).yaml()))
                // The collector image ships a /healthcheck binary that queries its health_check extension.
                .healthCheck(healthCheck(COLLECTOR_HEALTH_CHECK_COMMAND, Duration.seconds(30)))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logGroup)
                        .streamPrefix(COLLECTOR_NAME)
                        .build()))
                .build());
        collector.addMountPoints(MountPoint.builder().sourceVolume(TMP_VOLUME).containerPath("/tmp").readOnly(false).build());
        taskDefinition.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"))
                .resources(List.of("*"))
                .build());
        // Streams in the stack's own metrics log group only; no logs:CreateLogGroup anywhere.
        taskDefinition.addToTaskRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                .resources(List.of(metricsLogs.getLogGroupArn()))
                .build());
        Suppressions.suppress(taskDefinition.getTaskRole(), "AwsSolutions-IAM5",
                "The collector sidecar: X-Ray trace and sampling actions have no resource-level permissions.",
                List.of("Resource::*"));
    }

    /**
     * Queue workers run mostly on Fargate Spot (an interrupted job returns to its queue and is retried)
     * with one on-demand task always present; the HTTP service runs on on-demand Fargate only.
     */
    static List<CapacityProviderStrategy> capacityFor(Workload workload) {
        if (workload.servesHttp()) {
            return List.of(CapacityProviderStrategy.builder().capacityProvider("FARGATE").weight(1).build());
        }
        return List.of(
                CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(1).weight(3).build(),
                CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(7).build());
    }

    /**
     * Accepts the wildcards that CDK's bucket, queue and key grants produce on the task role: action
     * families such as {@code s3:GetObject*} and object resources under the stage's own prefixes.
     * Call after the grants, since the role's policy exists only once something is granted.
     */
    public void acceptScopedGrantWildcards() {
        Suppressions.suppress(taskDefinition.getTaskRole(), "AwsSolutions-IAM5",
                "Generated by CDK grants: S3 and KMS action families (read, write, abort multipart) limited to "
                        + "this stage's key prefixes in the workload buckets, created or imported by name "
                        + "(docs/architecture.md), and to the workload key.",
                List.of("Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*",
                        "Action::s3:Abort*", "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        Suppressions.matching("^Resource::<Buckets[A-Za-z]+[0-9A-F]{8}\\.Arn>\\/[a-z/-]+\\/\\*$"),
                        Suppressions.matching("^Resource::arn:<AWS::Partition>:s3:::<Existing[A-Za-z]+BucketName>\\/[a-z/-]+\\/\\*$")));
    }

    public ContainerDefinition container() {
        return container;
    }

    public FargateService service() {
        return service;
    }

    public IRole taskRole() {
        return taskDefinition.getTaskRole();
    }
}
