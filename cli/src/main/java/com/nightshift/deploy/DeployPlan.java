package com.nightshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The exact command lines of a deployment to one AWS account, in order: the registry stack, the
 * collector image through the registry's pull-through cache, the Jib push of the four images to its
 * repositories, the scan findings of the pushed images, and the workload stack with the pushed
 * digests and the collector's digest.
 * Builds command lines only; {@link Deployer} runs them.
 *
 * <p>The images are pushed by Jib's {@code build} goal in a Maven run of its own, started after the
 * registry stack exists: in the reactor of {@code ./mvnw deploy} the service modules build before
 * {@code infra} (which synthesizes the templates) and {@code cli} (which runs this plan), so a push
 * bound to the services' own {@code deploy} phase would happen before the repositories exist.
 *
 * <p>Immutable.
 *
 * @param projectRoot     the repository root (the directory of {@code mvnw})
 * @param environment     the environment being deployed
 * @param account         the 12-digit account the images are pushed to
 * @param imageTag        the tag of every pushed image (the repositories' tags are immutable, so unique per push)
 * @param templateBucket  the S3 bucket {@code aws cloudformation deploy} uploads templates to; required
 *                        for a template above {@value #INLINE_TEMPLATE_LIMIT} bytes
 * @param stackParameters parameters passed through to the workload stack: {@code AppSecretArn} when the
 *                        environment imports its secret, the VPC and subnet parameters when it imports its
 *                        network, the {@code *SecurityGroupId} parameters when it imports its security groups,
 *                        the {@code Existing*BucketName} parameters when it imports its buckets
 * @param baseImage       the Jib base image when it is not the default
 */
public record DeployPlan(Path projectRoot, DeployEnvironment environment, String account, String imageTag,
        Optional<String> templateBucket, Map<String, String> stackParameters, Optional<String> baseImage) {

    /** The largest template CloudFormation accepts in the request body itself. */
    public static final int INLINE_TEMPLATE_LIMIT = 51_200;

    static final String SECRET_PARAMETER = "AppSecretArn";
    /** The collector sidecar's digest in the account's own registry: the deployer's to give, never the user's. */
    static final String COLLECTOR_DIGEST_PARAMETER = "CollectorImageDigest";
    static final List<String> NETWORK_PARAMETERS = List.of("VpcId", "PublicSubnetIds", "PrivateSubnetIds");
    static final List<String> SECURITY_GROUP_PARAMETERS = List.of("LoadBalancerSecurityGroupId",
            "IngestionSecurityGroupId", "ProcessingSecurityGroupId", "RiskSecurityGroupId", "ReportingSecurityGroupId");
    static final List<String> BUCKET_PARAMETERS = List.of("ExistingDataBucketName", "ExistingStagingBucketName",
            "ExistingOutputBucketName");

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public DeployPlan {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("no AWS account to deploy to");
        }
        if (imageTag == null || !TAG.matcher(imageTag).matches()) {
            throw new IllegalArgumentException("image tag '" + imageTag + "' is not a valid image tag");
        }
        templateBucket = templateBucket == null ? Optional.empty() : templateBucket.filter(b -> !b.isBlank());
        baseImage = baseImage == null ? Optional.empty() : baseImage.filter(b -> !b.isBlank());
        stackParameters = Map.copyOf(stackParameters);
        checkParameters(environment, stackParameters);
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com} */
    public String registryHost() {
        return account + ".dkr.ecr." + environment.region() + ".amazonaws.com";
    }

    /** {@code <registry>/ecr-<service>-<suffix>:<tag>} */
    public String imageReference(ServiceImage image) {
        return registryHost() + "/" + image.repository(environment.suffix()) + ":" + imageTag;
    }

    public Path registryTemplate() {
        return template(environment.registryStackName());
    }

    public Path workloadTemplate() {
        return template(environment.workloadStackName());
    }

    /** Step 1: create or update the registry stack (the ECR repositories). */
    public List<String> registryCommand() {
        List<String> command = cloudFormationDeploy(environment.registryStackName(), registryTemplate());
        return List.copyOf(command);
    }

    /**
     * Step 2: {@code aws ecr batch-get-image} of the collector image from its pull-through cache
     * repository, {@code ecr-public-<suffix>/<path>}, by the tag or digest the configuration pins.
     * BatchGetImage is the call a registry pull makes for the manifest, and the ECR API reference lists
     * upstream failures ({@code UnableToGetUpstreamImageException}, {@code Upstream*} failure codes) among
     * its answers: on a cache miss it goes through the pull-through cache rule to ECR Public, so the
     * image is in the cache afterwards without a container engine. The answer (JSON) carries the digest.
     */
    public List<String> collectorCommand() {
        CollectorImage collector = environment.collectorImage();
        return List.of("aws", "ecr", "batch-get-image", "--region", environment.region(),
                "--repository-name", collector.cacheRepository(environment.suffix()),
                "--image-ids", collector.imageId(),
                "--output", "json");
    }

    /** {@code <registry>/ecr-public-<suffix>/<path>@<digest>}: where the tasks pull the collector from. */
    public String collectorReference(String digest) {
        return registryHost() + "/" + environment.collectorImage().cacheRepository(environment.suffix()) + "@" + digest;
    }

    /** The token Jib logs in to ECR with (read from its output, never printed). */
    public List<String> loginPasswordCommand() {
        return List.of("aws", "ecr", "get-login-password", "--region", environment.region());
    }

    /** Step 3: Jib's {@code build} goal on the four service modules, pushing to their repositories. */
    public List<String> imagesCommand() {
        List<String> command = new ArrayList<>(List.of(
                projectRoot.resolve("mvnw").toString(), "-B",
                "-f", projectRoot.resolve("pom.xml").toString(),
                "-pl", Arrays.stream(ServiceImage.values()).map(ServiceImage::module).collect(Collectors.joining(",")),
                "jib:build",
                "-Dnightshift.ecr.registry=" + registryHost(),
                "-Dnightshift.ecr.suffix=" + environment.suffix(),
                "-Dnightshift.ecr.tag=" + imageTag));
        baseImage.ifPresent(image -> command.add("-Dnightshift.base.image=" + image));
        return List.copyOf(command);
    }

    /**
     * Step 4, one page at a time: {@code aws ecr describe-image-scan-findings} of the image pushed to
     * {@code image}'s repository with {@code digest}. {@code --max-results} makes the AWS CLI hand over a
     * single page with its {@code nextToken} instead of paging on its own (it turns its automatic
     * pagination off when a paging argument of the API is given), so the caller sees and follows every
     * page; 1000 is the largest page the API allows.
     */
    public List<String> scanFindingsCommand(ServiceImage image, String digest, Optional<String> nextToken) {
        List<String> command = new ArrayList<>(List.of("aws", "ecr", "describe-image-scan-findings",
                "--region", environment.region(),
                "--repository-name", image.repository(environment.suffix()),
                "--image-id", "imageDigest=" + digest,
                "--max-results", "1000"));
        nextToken.ifPresent(token -> command.addAll(List.of("--next-token", token)));
        command.addAll(List.of("--output", "json"));
        return List.copyOf(command);
    }

    /**
     * The last step: create or update the workload stack with the digests Jib wrote to each service's
     * {@code target/jib-image.digest} and the collector's digest in the pull-through cache.
     *
     * @throws IllegalStateException naming the service when its digest file is missing or malformed
     */
    public List<String> workloadCommand(String collectorDigest) {
        return workloadCommand(this::pushedDigest, collectorDigest);
    }

    /** The last step with the digests {@code digestOf} gives, for a dry run before anything is pushed. */
    public List<String> workloadCommand(Function<ServiceImage, String> digestOf, String collectorDigest) {
        List<String> command = cloudFormationDeploy(environment.workloadStackName(), workloadTemplate());
        command.addAll(List.of("--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"));
        command.add("--parameter-overrides");
        parameterOverrides(digestOf, collectorDigest).forEach((key, value) -> command.add(key + "=" + value));
        return List.copyOf(command);
    }

    /**
     * The workload stack's parameters: the four service digests, the collector's digest, then the
     * passed-through ones in a stable order.
     */
    public Map<String, String> parameterOverrides(Function<ServiceImage, String> digestOf, String collectorDigest) {
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<ServiceImage, String> digests = new EnumMap<>(ServiceImage.class);
        for (ServiceImage image : ServiceImage.values()) {
            digests.put(image, digestOf.apply(image));
        }
        digests.forEach((image, digest) -> overrides.put(image.digestParameter(), digest));
        overrides.put(COLLECTOR_DIGEST_PARAMETER, collectorDigest);
        new TreeSet<>(stackParameters.keySet()).forEach(key -> overrides.put(key, stackParameters.get(key)));
        return overrides;
    }

    /** The digest of the image Jib pushed for {@code image}. */
    public String pushedDigest(ServiceImage image) {
        Path file = image.digestFile(projectRoot);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(image.module() + ": no pushed image digest at " + file
                    + " (Jib writes it when it pushes the image; did the image step run?)");
        }
        String digest;
        try {
            digest = Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(image.module() + ": cannot read " + file, e);
        }
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalStateException(image.module() + ": " + file + " holds '" + digest
                    + "', not a sha256:<64 hex> digest");
        }
        return digest;
    }

    private List<String> cloudFormationDeploy(String stackName, Path template) {
        List<String> command = new ArrayList<>(List.of("aws", "cloudformation", "deploy",
                "--region", environment.region(),
                "--stack-name", stackName,
                "--template-file", template.toString(),
                "--no-fail-on-empty-changeset"));
        long size = size(template);
        if (templateBucket.isPresent()) {
            command.addAll(List.of("--s3-bucket", templateBucket.get(), "--s3-prefix", "nightshift/" + environment.suffix()));
        } else if (size > INLINE_TEMPLATE_LIMIT) {
            throw new IllegalArgumentException(template + " is " + size + " bytes, more than the "
                    + INLINE_TEMPLATE_LIMIT + " CloudFormation accepts inline: name an S3 bucket in " + environment.region()
                    + " to upload it to (-Dnightshift.templateBucket=NAME, or --template-bucket NAME)");
        }
        return command;
    }

    private Path template(String stackName) {
        return projectRoot.resolve("infra").resolve("target").resolve("cdk.out").resolve(stackName + ".template.json");
    }

    private static long size(Path template) {
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("no template " + template
                    + ": synthesize it first (./mvnw package, or ./mvnw -pl infra package -Dnightshift.env=<env>)");
        }
        try {
            return Files.size(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** What a configuration imports when the workload stack takes parameter {@code name}. */
    private static String imported(String name) {
        if (name.equals(SECRET_PARAMETER)) {
            return "the application secret";
        }
        if (NETWORK_PARAMETERS.contains(name)) {
            return "its network";
        }
        return SECURITY_GROUP_PARAMETERS.contains(name) ? "its security groups" : "its buckets";
    }

    private static void checkParameters(DeployEnvironment environment, Map<String, String> parameters) {
        Set<String> expected = new TreeSet<>();
        if (environment.importsSecret()) {
            expected.add(SECRET_PARAMETER);
        }
        if (environment.importsNetwork()) {
            expected.addAll(NETWORK_PARAMETERS);
        }
        if (environment.importsSecurityGroups()) {
            expected.addAll(SECURITY_GROUP_PARAMETERS);
        }
        if (environment.importsBuckets()) {
            expected.addAll(BUCKET_PARAMETERS);
        }
        String config = "infra/config/" + environment.name() + ".json";
        if (parameters.containsKey(COLLECTOR_DIGEST_PARAMETER)) {
            throw new IllegalArgumentException("stack parameter " + COLLECTOR_DIGEST_PARAMETER + " is not given by hand:"
                    + " the deployment resolves it from collectorImage in " + config + " through the pull-through cache");
        }
        for (String name : expected) {
            String value = parameters.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(config + " imports " + imported(name) + ": give stack parameter " + name
                        + " (-Dnightshift." + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "=...)");
            }
        }
        for (String name : parameters.keySet()) {
            if (!expected.contains(name)) {
                throw new IllegalArgumentException("stack parameter " + name + " was given, but " + config
                        + " does not import it (the workload stack of this environment takes " + (expected.isEmpty()
                        ? "only the image digests" : expected + " besides the image digests") + ")");
            }
        }
    }
}
