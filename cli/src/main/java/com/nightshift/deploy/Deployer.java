package com.nightshift.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deploys one environment to AWS: the registry stack, the collector image through the registry's
 * pull-through cache, the four images (Jib), the scan gate on the pushed images ({@link ImageScanGate}),
 * then the workload stack with the pushed digests and the collector's. Prints every command before it
 * runs it and stops at the first failure. {@code ./mvnw deploy -Pdeploy -Dnightshift.env=<env>} runs
 * it from the {@code cli} module's {@code deploy} phase, after every module is built and installed.
 *
 * <pre>
 * java -cp ... com.nightshift.deploy.Deployer --env dev --root . --version 0.1.0-SNAPSHOT
 *     [--account 123456789012] [--template-bucket NAME] [--parameter Key=Value ...]
 *     [--base-image IMAGE] [--tag TAG] [--dry-run[=true|false]]
 * </pre>
 *
 * Options take their value as the next argument or after {@code =}; an empty value counts as not
 * given, so a Maven property left unset passes through harmlessly.
 */
public final class Deployer {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Options options;
    private final CommandShell shell;
    private final PrintStream out;
    private final Clock clock;
    private final CollectorImageResolver collector;
    private final ImageScanGate scanGate;

    Deployer(Options options, CommandShell shell, PrintStream out, Clock clock, ImageScanGate.Sleeper sleeper) {
        this.options = options;
        this.shell = shell;
        this.out = out;
        this.clock = clock;
        this.collector = new CollectorImageResolver(shell, options.root());
        this.scanGate = new ImageScanGate(shell, options.root(), out, sleeper, ImageScanGate.POLL_INTERVAL,
                ImageScanGate.POLL_ATTEMPTS);
    }

    public static void main(String[] args) {
        try {
            new Deployer(Options.parse(args), new CommandShell(), System.out, Clock.systemUTC(),
                    ImageScanGate.Sleeper.THREAD).run();
        } catch (RuntimeException e) {
            System.err.println("nightshift deploy failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the whole deployment, or prints it with {@code --dry-run}. */
    void run() {
        DeployEnvironment environment = DeployEnvironment.load(options.root().resolve("infra").resolve("config"),
                options.env());
        String account = options.dryRun() ? plannedAccount(environment) : callerAccount(environment);
        DeployPlan plan = new DeployPlan(options.root(), environment, account, imageTag(), options.templateBucket(),
                options.parameters(), options.baseImage());
        if (options.dryRun()) {
            printPlan(plan);
            return;
        }
        out.println("nightshift deploy: " + environment.name() + " to account " + account + " in " + environment.region());
        step("1/5 registry stack " + environment.registryStackName(), plan.registryCommand(), Map.of());
        String collectorDigest = resolveCollector(plan);
        pushImages(plan);
        checkScans(plan);
        step("5/5 workload stack " + environment.workloadStackName(), plan.workloadCommand(collectorDigest), Map.of());
        out.println("nightshift deploy: done; stack outputs: aws cloudformation describe-stacks --region "
                + environment.region() + " --stack-name " + environment.workloadStackName());
    }

    private void printPlan(DeployPlan plan) {
        out.println("nightshift deploy (dry run): " + plan.environment().name() + " to account " + plan.account()
                + " in " + plan.environment().region());
        String collectorDigest = "<digest of " + plan.environment().collectorImage().reference() + ">";
        out.println("1/5 registry stack");
        out.println("  " + display(plan.registryCommand()));
        out.println("2/5 collector image through the pull-through cache");
        out.println("  " + display(plan.collectorCommand()));
        out.println("  " + plan.collectorReference(collectorDigest));
        out.println("3/5 images (Jib logs in with the output of: " + display(plan.loginPasswordCommand()) + ")");
        out.println("  " + display(plan.imagesCommand()));
        for (ServiceImage image : ServiceImage.values()) {
            out.println("  " + plan.imageReference(image));
        }
        out.println("4/5 scan gate: a finding at " + plan.environment().scanThreshold() + " or above stops the deployment");
        for (ServiceImage image : ServiceImage.values()) {
            out.println("  " + display(plan.scanFindingsCommand(image, "<digest from " + image.digestFile(options.root())
                    + ">", Optional.empty())));
        }
        out.println("5/5 workload stack");
        out.println("  " + display(plan.workloadCommand(image -> "<digest from " + image.digestFile(options.root()) + ">",
                collectorDigest)));
    }

    /** Brings the collector image into the pull-through cache; returns its digest there. */
    private String resolveCollector(DeployPlan plan) {
        out.println("nightshift deploy: 2/5 collector image " + plan.environment().collectorImage().reference()
                + " through the pull-through cache");
        out.println("+ " + display(plan.collectorCommand()));
        String digest = collector.resolve(plan);
        out.println("  " + plan.collectorReference(digest));
        return digest;
    }

    private void pushImages(DeployPlan plan) {
        for (ServiceImage image : ServiceImage.values()) {
            try {
                // A digest left by an earlier build must not stand in for this push.
                Files.deleteIfExists(image.digestFile(options.root()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + image.digestFile(options.root()), e);
            }
        }
        out.println("+ " + display(plan.loginPasswordCommand()) + "   (output kept for Jib, not shown)");
        String password = shell.capture(plan.loginPasswordCommand(), options.root());
        Path dockerConfig = dockerConfig(plan.registryHost(), password);
        try {
            step("3/5 images to " + plan.registryHost(), plan.imagesCommand(),
                    Map.of("DOCKER_CONFIG", dockerConfig.toString()));
        } finally {
            deleteTree(dockerConfig);
        }
        for (ServiceImage image : ServiceImage.values()) {
            out.println("  " + plan.imageReference(image) + " " + plan.pushedDigest(image));
        }
    }

    /** Waits for the scans of the pushed images; refuses the rollout on what {@link ImageScanGate} refuses. */
    private void checkScans(DeployPlan plan) {
        out.println("nightshift deploy: 4/5 scan gate (" + plan.environment().scanThreshold() + " and above refuse)");
        Map<ServiceImage, String> digests = new EnumMap<>(ServiceImage.class);
        for (ServiceImage image : ServiceImage.values()) {
            digests.put(image, plan.pushedDigest(image));
        }
        scanGate.check(plan, digests);
    }

    private void step(String title, List<String> command, Map<String, String> environment) {
        out.println("nightshift deploy: " + title);
        String prefix = environment.keySet().stream().map(k -> k + "=" + environment.get(k) + " ")
                .collect(Collectors.joining());
        out.println("+ " + prefix + display(command));
        int exit = shell.run(command, options.root(), environment);
        if (exit != 0) {
            throw new IllegalStateException("step " + title + " failed: " + command.getFirst() + " exited with " + exit
                    + "; later steps were not run");
        }
    }

    private String callerAccount(DeployEnvironment environment) {
        List<String> command = List.of("aws", "sts", "get-caller-identity", "--query", "Account", "--output", "text");
        out.println("+ " + display(command));
        String caller = shell.capture(command, options.root());
        if (!ACCOUNT.matcher(caller).matches()) {
            throw new IllegalStateException("aws sts get-caller-identity answered '" + caller + "', not an account id");
        }
        Optional<String> expected = expectedAccount(environment);
        if (expected.isPresent() && !expected.get().equals(caller)) {
            throw new IllegalStateException("the AWS credentials are for account " + caller + ", but environment "
                    + environment.name() + " deploys to " + expected.get() + "; nothing was deployed");
        }
        return caller;
    }

    private String plannedAccount(DeployEnvironment environment) {
        return expectedAccount(environment).orElse("<account>");
    }

    /** The account the configuration or {@code --account} names; both at once must agree. */
    private Optional<String> expectedAccount(DeployEnvironment environment) {
        Optional<String> given = options.account();
        given.ifPresent(a -> {
            if (!ACCOUNT.matcher(a).matches()) {
                throw new IllegalArgumentException("--account '" + a + "' is not a 12-digit account id");
            }
        });
        if (given.isPresent() && environment.account().isPresent() && !given.equals(environment.account())) {
            throw new IllegalArgumentException("--account " + given.get() + " disagrees with infra/config/"
                    + environment.name() + ".json, which names account " + environment.account().get());
        }
        return given.or(environment::account);
    }

    /** The given tag, the version of a release, or the version and a UTC time stamp for a snapshot. */
    private String imageTag() {
        if (options.tag().isPresent()) {
            return options.tag().get();
        }
        String version = options.version();
        // The repositories' tags are immutable: a snapshot pushed twice needs two tags.
        return version.endsWith("-SNAPSHOT") ? version + "-" + STAMP.format(clock.instant()) : version;
    }

    /** A Docker configuration directory holding only the ECR login, which Jib reads through DOCKER_CONFIG. */
    private static Path dockerConfig(String registryHost, String password) {
        try {
            Path directory = Files.createTempDirectory("nightshift-ecr-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String auth = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
            Files.writeString(directory.resolve("config.json"),
                    "{\"auths\":{\"" + registryHost + "\":{\"auth\":\"" + auth + "\"}}}");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Docker configuration for Jib", e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("nightshift deploy: could not remove " + directory + ": " + e.getMessage());
        }
    }

    /** A command as a shell would take it, single-quoting what needs it. */
    static String display(List<String> command) {
        return command.stream().map(arg -> arg.matches("[A-Za-z0-9_./:=,@+%-]+") ? arg
                : "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    /** The parsed command line. */
    record Options(String env, Path root, String version, Optional<String> account, Optional<String> templateBucket,
            Map<String, String> parameters, Optional<String> baseImage, Optional<String> tag, boolean dryRun) {

        static Options parse(String... args) {
            Map<String, String> single = new LinkedHashMap<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean dryRun = false;
            List<String> list = new ArrayList<>(List.of(args));
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                if (arg.equals("--dry-run") || arg.startsWith("--dry-run=")) {
                    dryRun = arg.equals("--dry-run") || Boolean.parseBoolean(arg.substring("--dry-run=".length()));
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                String name;
                String value;
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    name = arg.substring(2, equals);
                    value = arg.substring(equals + 1);
                } else {
                    name = arg.substring(2);
                    if (i + 1 >= list.size()) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = list.get(++i);
                }
                switch (name) {
                    case "env", "root", "version", "account", "template-bucket", "base-image", "tag" ->
                            single.put(name, value.trim());
                    case "parameter" -> {
                        int split = value.indexOf('=');
                        if (split <= 0) {
                            throw new IllegalArgumentException("--parameter '" + value + "' is not Key=Value");
                        }
                        String parameterValue = value.substring(split + 1).trim();
                        if (!parameterValue.isEmpty() && !parameterValue.startsWith("${")) {
                            parameters.put(value.substring(0, split), parameterValue);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            String version = single.getOrDefault("version", "");
            if (version.isEmpty()) {
                throw new IllegalArgumentException("--version is required (the project version, the image tag's base)");
            }
            return new Options(given(single, "env").orElse(""),
                    Path.of(single.getOrDefault("root", ".")).toAbsolutePath().normalize(), version,
                    given(single, "account"), given(single, "template-bucket"), parameters,
                    given(single, "base-image"), given(single, "tag"), dryRun);
        }

        private static Optional<String> given(Map<String, String> values, String name) {
            return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty() && !v.startsWith("${"));
        }
    }
}
