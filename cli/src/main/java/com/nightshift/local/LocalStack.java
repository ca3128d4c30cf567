package com.nightshift.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.trace.Tracing;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The whole platform on one machine: the AWS emulator, the workload stack deployed into it from the
 * synthesized CloudFormation template, and the four services as local processes configured from
 * their task definitions as deployed. One process per service to start with; {@link #startExtraWorker}
 * adds another of a service, as ECS adds a task when the service scales out. Closing it stops
 * everything it started.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The application containers, by the names the task definitions give them (= module names). */
    public static final List<String> SERVICES = List.of("ingestion-service", "processing-service",
            "risk-calculation", "reporting-service");
    static final String ENVIRONMENT = "local";
    static final String STACK_NAME = "nightshift-workload-" + ENVIRONMENT;
    static final String SECRET_NAME = "secret-app-" + ENVIRONMENT;
    /** The application secret's field reporting-service's task definition reads as REPORTS_TOKEN_KEY. */
    static final String TOKEN_KEY_FIELD = "reportsTokenKey";
    private static final Region REGION = Region.US_EAST_1;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);

    private final Optional<MotoServer> moto;
    private final AwsClients clients;
    private final StackOutputs outputs;
    private final Map<String, ServiceProcess> services;
    private final Launcher launcher;
    /** Every process started, the extra workers included; the shutdown hook stops them too. */
    private final List<ServiceProcess> started;
    private final List<ServiceProcess> extraWorkers = new CopyOnWriteArrayList<>();

    private LocalStack(Optional<MotoServer> moto, AwsClients clients, StackOutputs outputs,
            Map<String, ServiceProcess> services, Launcher launcher, List<ServiceProcess> started) {
        this.moto = moto;
        this.clients = clients;
        this.outputs = outputs;
        this.services = services;
        this.launcher = launcher;
        this.started = started;
    }

    /**
     * What starting a service process takes: its runnable jar, its task definition's environment as
     * deployed, the emulator endpoint, where spans go (if anywhere), and where logs go.
     */
    private record Launcher(Map<String, Path> jars, Map<String, Map<String, String>> environments, URI endpoint,
            Optional<URI> traces, Path logs) {

        ServiceProcess start(String service, String logName) throws IOException {
            return start(service, logName, Map.of());
        }

        ServiceProcess start(String service, String logName, Map<String, String> overrides) throws IOException {
            Map<String, String> taskEnvironment = environments.get(service);
            if (taskEnvironment == null) {
                throw new IllegalStateException("stack " + STACK_NAME + " has no task definition with a container named "
                        + service);
            }
            int port = MotoServer.freeLoopbackPort();
            // The overrides go on last, so they can replace what the stack sets too (a fault test's endpoint).
            Map<String, String> environment = processEnvironment(taskEnvironment, endpoint, port, traces);
            environment.putAll(overrides);
            return ServiceProcess.start(service, jars.get(service), environment, port, logs.resolve(logName + ".log"));
        }
    }

    /**
     * Starts the emulator (or uses {@code AWS_ENDPOINT_URL} when set), deploys the workload template
     * from {@code projectRoot/infra/target/cdk.out}, and starts the services from their runnable jars.
     * Logs go to {@code workDirectory}. The services send their spans to the OTLP/HTTP collector named by
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT} in this process's environment, or nowhere when it is unset.
     */
    public static LocalStack start(Path projectRoot, Path workDirectory) throws IOException {
        return start(projectRoot, workDirectory, Optional.ofNullable(System.getenv(Tracing.ENDPOINT_VARIABLE))
                .filter(value -> !value.isBlank()).map(URI::create));
    }

    /** As {@link #start(Path, Path)}, the services sending their spans to the OTLP/HTTP collector {@code traces}. */
    public static LocalStack start(Path projectRoot, Path workDirectory, Optional<URI> traces) throws IOException {
        Files.createDirectories(workDirectory.resolve("logs"));
        Path template = projectRoot.resolve("infra/target/cdk.out/" + STACK_NAME + ".template.json");
        if (!Files.isRegularFile(template)) {
            throw new IOException("no template at " + template + ": run ./mvnw package first");
        }
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : SERVICES) {
            jars.put(service, runnableJar(projectRoot.resolve(service).resolve("target")));
        }

        Optional<MotoServer> moto = Optional.empty();
        String external = System.getenv().getOrDefault(AwsEndpoint.ENDPOINT_VARIABLE, "");
        URI endpoint;
        if (external.isBlank()) {
            MotoServer server = MotoServer.start(workDirectory.resolve("logs/moto.log"));
            server.stopOnExit();
            moto = Optional.of(server);
            endpoint = server.endpoint();
            LOG.info("AWS emulator (moto) listening on {}", endpoint);
        } else {
            endpoint = URI.create(external);
            LOG.info("using the AWS endpoint in {}: {}", AwsEndpoint.ENDPOINT_VARIABLE, endpoint);
        }
        AwsClients clients = new AwsClients(AwsEndpoint.emulator(endpoint, REGION));
        List<ServiceProcess> started = new CopyOnWriteArrayList<>();
        try {
            StackOutputs outputs = deploy(clients, template);
            Map<String, Map<String, String>> environments;
            try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build();
                    EcsClient ecs = clients.configure(EcsClient.builder()).build();
                    SecretsManagerClient secrets = clients.configure(SecretsManagerClient.builder()).build()) {
                environments = new TaskDefinitionEnvironment(cloudFormation, ecs, secrets)
                        .read(STACK_NAME, Set.copyOf(SERVICES));
            }
            Launcher launcher = new Launcher(jars, Map.copyOf(environments), endpoint, traces,
                    workDirectory.resolve("logs"));
            recordStartupCaches(launcher);
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (String service : SERVICES) {
                ServiceProcess process = launcher.start(service, service, Map.of());
                started.add(process);
                services.put(service, process);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.closeAll(started), "stop-services"));
            for (ServiceProcess process : services.values()) {
                process.awaitHealthy(HEALTHY_WITHIN);
                LOG.info("{} healthy on {}", process.name(), process.baseUri());
            }
            return new LocalStack(moto, clients, outputs, services, launcher, started);
        } catch (IOException | RuntimeException e) {
            ServiceProcess.closeAll(started);
            moto.ifPresent(MotoServer::close);
            throw e;
        }
    }

    /**
     * Starts once, and stops once healthy, every service whose jar has no start-up cache yet (the first
     * run after a build): each such start records one ({@link ServiceAotCache}), assembled when it stops.
     * The night's processes then start from the caches, about 1 s each instead of about 4 with four
     * services starting at once on two cores.
     */
    private static void recordStartupCaches(Launcher launcher) throws IOException {
        List<String> missing = SERVICES.stream()
                .filter(service -> ServiceProcess.startupCacheMissing(launcher.jars().get(service)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        LOG.info("recording the start-up caches of {} (once after a build)", missing);
        List<ServiceProcess> recording = new ArrayList<>();
        try {
            for (String service : missing) {
                recording.add(launcher.start(service, service + "-startup-cache", Map.of()));
            }
            for (ServiceProcess process : recording) {
                process.awaitHealthy(HEALTHY_WITHIN);
            }
        } finally {
            // Stopping assembles each cache (a few seconds of one core each): side by side.
            ServiceProcess.closeAll(recording);
        }
    }

    /**
     * The task definition's variables and secrets, plus what the ECS platform itself provides
     * (region, credentials through the task role) and what only a local run needs: the emulator
     * endpoint, a free loopback port instead of the container's 8080, and loopback-only binding.
     */
    static Map<String, String> processEnvironment(Map<String, String> taskEnvironment, URI endpoint, int port) {
        return processEnvironment(taskEnvironment, endpoint, port, Optional.empty());
    }

    /**
     * As above, spans going to {@code traces}: the task definition names the collector sidecar, which does not
     * run locally, so its endpoint is replaced by {@code traces}, or removed (no tracing) when there is none.
     */
    static Map<String, String> processEnvironment(Map<String, String> taskEnvironment, URI endpoint, int port,
            Optional<URI> traces) {
        Map<String, String> environment = new LinkedHashMap<>(taskEnvironment);
        environment.remove(Tracing.ENDPOINT_VARIABLE);
        traces.ifPresent(collector -> environment.put(Tracing.ENDPOINT_VARIABLE, collector.toString()));
        environment.put("AWS_REGION", REGION.id());
        environment.put("AWS_ENDPOINT_URL", endpoint.toString());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        for (String inherited : List.of("PATH", "HOME", "TMPDIR", "LANG", "TZ")) {
            String value = System.getenv(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        return environment;
    }

    private static Path runnableJar(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-all.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IOException("no runnable jar (*-all.jar) in " + target + ": run ./mvnw package first");
    }

    private static StackOutputs deploy(AwsClients clients, Path template) throws IOException {
        String secretArn = applicationSecret(clients);
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
            Optional<Stack> existing = findStack(cloudFormation);
            if (existing.isPresent() && existing.get().stackStatus() == StackStatus.CREATE_COMPLETE) {
                LOG.info("stack {} already deployed on this endpoint; reusing it", STACK_NAME);
            } else {
                String body = Files.readString(template);
                cloudFormation.createStack(b -> b.stackName(STACK_NAME).templateBody(body)
                        .parameters(Parameter.builder().parameterKey("AppSecretArn").parameterValue(secretArn).build())
                        .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
                awaitCreated(cloudFormation);
                LOG.info("stack {} deployed from {}", STACK_NAME, template.getFileName());
            }
            StackOutputs outputs = StackOutputs.describe(cloudFormation, STACK_NAME);
            enableEventBridgeNotifications(clients, outputs.dataBucket());
            return outputs;
        }
    }

    /**
     * The local environment imports its application secret (moto's CloudFormation does not model
     * AWS::SecretsManager::Secret), so the harness plays the operator and creates it first: the
     * manifest signing key and the reports API's token key ({@code reportsTokenKey}), each 32 random
     * bytes in hex. A secret left on a reused emulator by an older run gets the token key added.
     */
    static String applicationSecret(AwsClients clients) {
        try (SecretsManagerClient secrets = clients.configure(SecretsManagerClient.builder()).build()) {
            try {
                String arn = secrets.describeSecret(b -> b.secretId(SECRET_NAME)).arn();
                var value = (com.fasterxml.jackson.databind.node.ObjectNode) JsonCodec.tree(secrets.getSecretValue(
                        b -> b.secretId(arn)).secretString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (!value.has(TOKEN_KEY_FIELD)) {
                    value.put(TOKEN_KEY_FIELD, randomKey());
                    secrets.putSecretValue(b -> b.secretId(arn).secretString(value.toString()));
                }
                return arn;
            } catch (ResourceNotFoundException absent) {
                String value = "{\"manifestSigningKey\":\"" + randomKey() + "\",\"" + TOKEN_KEY_FIELD + "\":\""
                        + randomKey() + "\"}";
                return secrets.createSecret(b -> b.name(SECRET_NAME).secretString(value)).arn();
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /**
     * moto's CloudFormation does not apply a bucket's EventBridge notification setting, so it is
     * switched on through the S3 API, as the template asks for it on AWS.
     */
    private static void enableEventBridgeNotifications(AwsClients clients, String bucket) {
        try (S3Client s3 = clients.s3()) {
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(
                    n -> n.eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
        }
    }

    private static Optional<Stack> findStack(CloudFormationClient cloudFormation) {
        try {
            return cloudFormation.describeStacks(b -> b.stackName(STACK_NAME)).stacks().stream().findFirst();
        } catch (CloudFormationException e) {
            return Optional.empty();
        }
    }

    private static void awaitCreated(CloudFormationClient cloudFormation) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            Stack stack = findStack(cloudFormation).orElseThrow();
            StackStatus status = stack.stackStatus();
            if (status == StackStatus.CREATE_COMPLETE) {
                return;
            }
            if (!status.toString().endsWith("IN_PROGRESS")) {
                String reasons = cloudFormation.describeStackEvents(b -> b.stackName(STACK_NAME)).stackEvents().stream()
                        .filter(e -> e.resourceStatusReason() != null)
                        .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason())
                        .limit(10).collect(Collectors.joining("\n  "));
                throw new IllegalStateException("stack " + STACK_NAME + " ended in " + status + ":\n  " + reasons);
            }
            MotoServer.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("stack " + STACK_NAME + " not created within 5 minutes");
    }

    public AwsClients clients() {
        return clients;
    }

    public StackOutputs outputs() {
        return outputs;
    }

    public URI reportingUri() {
        return services.get("reporting-service").baseUri();
    }

    /**
     * A bearer token for this stack's reports API, valid for {@link ReportsAccessToken#LOCAL_VALIDITY}:
     * signed with the token key reporting-service's task definition gives it.
     */
    public String reportsToken() {
        String key = taskEnvironment("reporting-service").get(ReportsAccessToken.KEY_VARIABLE);
        if (key == null) {
            throw new IllegalStateException("reporting-service's task definition gives no "
                    + ReportsAccessToken.KEY_VARIABLE + ": rebuild the templates (./mvnw package)");
        }
        return ReportsAccessToken.issue(key, "nightshift-local", Instant.now(), ReportsAccessToken.LOCAL_VALIDITY);
    }

    /** The first process of each service, by service name. */
    public Map<String, ServiceProcess> services() {
        return services;
    }

    /**
     * Starts one more process of {@code service}, with exactly the environment its task definition gives
     * the first one, on a free port of its own, logging to {@code logs/<service>-<n>.log}; returns once
     * it is healthy. It polls the same queue, so it takes a share of the service's work, and it is
     * stopped with the stack.
     */
    public synchronized ServiceProcess startExtraWorker(String service) throws IOException {
        return startExtraWorker(service, Map.of());
    }

    /**
     * {@link #startExtraWorker(String)} with some variables of its environment replaced: a fault test points
     * {@code AWS_ENDPOINT_URL} at a proxy in front of the emulator, or the queue URL at a queue of its own so
     * that it knows which process holds a message.
     */
    public synchronized ServiceProcess startExtraWorker(String service, Map<String, String> overrides)
            throws IOException {
        if (!services.containsKey(service)) {
            throw new IllegalArgumentException("no service " + service + " in this stack (services: " + SERVICES + ")");
        }
        String logName = service + "-" + (extraWorkers.stream().filter(p -> p.name().equals(service)).count() + 2);
        ServiceProcess process = launcher.start(service, logName, overrides);
        started.add(process);
        extraWorkers.add(process);
        try {
            process.awaitHealthy(HEALTHY_WITHIN);
        } catch (IOException e) {
            process.close();
            extraWorkers.remove(process);
            throw e;
        }
        LOG.info("{} worker {} healthy on {}", service, workers(service).size(), process.baseUri());
        return process;
    }

    /**
     * Starts a process of {@code service} whose environment is its task definition's with {@code overrides}
     * put over it (another queue, another run size), logging to {@code logs/<logName>.log}; returns once it
     * is healthy. It is not one of the service's {@link #workers}: the caller stops it when done (closing
     * it), the stack at the latest.
     */
    public ServiceProcess startVariant(String service, String logName, Map<String, String> overrides)
            throws IOException {
        if (!services.containsKey(service)) {
            throw new IllegalArgumentException("no service " + service + " in this stack (services: " + SERVICES + ")");
        }
        ServiceProcess process = launcher.start(service, logName, overrides);
        started.add(process);
        try {
            process.awaitHealthy(HEALTHY_WITHIN);
        } catch (IOException e) {
            process.close();
            throw e;
        }
        LOG.info("{} variant {} healthy on {}", service, logName, process.baseUri());
        return process;
    }

    /**
     * At least {@code count} processes of {@code service}, starting extra workers as needed; a test that
     * needs two workers on a stack shared with other tests can ask for them without adding more each time.
     *
     * @return every process of the service, the first one first
     */
    public synchronized List<ServiceProcess> ensureWorkers(String service, int count) throws IOException {
        while (workers(service).size() < count) {
            startExtraWorker(service);
        }
        return workers(service);
    }

    /** Every process of {@code service}: the first one, then the extra workers in the order they started. */
    public List<ServiceProcess> workers(String service) {
        List<ServiceProcess> all = new ArrayList<>();
        Optional.ofNullable(services.get(service)).ifPresent(all::add);
        extraWorkers.stream().filter(p -> p.name().equals(service) && !p.stopped()).forEach(all::add);
        return all;
    }

    /**
     * The variables and secrets the task definition of {@code service} gives its container, as read back
     * from the deployed stack: what every process of the service starts with (before the local endpoint,
     * credentials and port are added).
     */
    public Map<String, String> taskEnvironment(String service) {
        Map<String, String> environment = launcher.environments().get(service);
        if (environment == null) {
            throw new IllegalArgumentException("no task definition with a container named " + service);
        }
        return environment;
    }

    /**
     * Fails with the service's log when a service process (an extra worker included) has died; an extra
     * worker stopped on purpose ({@link ServiceProcess#stop}, {@link ServiceProcess#kill}) is not missed.
     */
    public void checkServicesAlive() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(extraWorkers);
        for (ServiceProcess service : all) {
            if (!service.isAlive() && !service.stopped()) {
                throw new IllegalStateException(service.name() + " stopped unexpectedly:\n"
                        + ServiceProcess.tail(service.log(), 30));
            }
        }
    }

    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(extraWorkers);
        if (moto.isPresent()) {
            // The queues go with the emulator, so no message can be stranded in a poll the workers leave:
            // stopping the emulator right after asking the workers to stop ends their long polls at once,
            // rather than each worker waiting out its poll (up to 20 s) before it exits.
            for (ServiceProcess service : all) {
                service.requestStop();
            }
            moto.get().close();
        }
        ServiceProcess.closeAll(all);
    }
}
