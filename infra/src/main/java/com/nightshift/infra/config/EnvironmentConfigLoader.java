package com.nightshift.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates environment configuration files. Every problem is reported as an
 * {@link InvalidConfigException} whose message names the file and the field, e.g.
 * {@code config/dev.json: field 'services.risk-calculation.cpu': 300 is not a Fargate cpu value}.
 * Unknown fields are rejected too, so a misspelt field fails instead of being ignored.
 */
public final class EnvironmentConfigLoader {

    private static final Pattern SUFFIX = Pattern.compile("[a-z][a-z0-9-]{0,15}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern CERTIFICATE_ARN = Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Set<String> REGIONS = Set.of("us-east-1", "us-east-2");
    private static final List<String> REQUIRED_TAGS = List.of("Environment", "Project", "CostCenter");
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of(
            "environmentSuffix", "account", "region", "network", "secret", "certificateArn", "tags", "services",
            "collectorImage", "alarms", "localEmulator", "buckets", "reportingDeployment", "riskSchedule", "imageScan",
            "risk", "reports");
    /** EventBridge Scheduler cron: six fields (minutes hours day-of-month month day-of-week year). */
    /** 00:00 to 09:29: a New York time of day before the deadline. */
    private static final Pattern NIGHT_CHECK_TIME = Pattern.compile("0[0-8]:[0-5]\\d|09:[0-2]\\d");
    private static final Pattern SCHEDULER_CRON = Pattern.compile("cron\\((\\S+ ){5}\\S+\\)");
    private static final Pattern COLLECTOR_IMAGE = Pattern.compile(
            "public\\.ecr\\.aws/aws-observability/aws-otel-collector(:v\\d+\\.\\d+\\.\\d+|@sha256:[a-f0-9]{64})");
    /** The longest a presigned report link may live: the same bound reporting-service enforces. */
    private static final int MAX_PRESIGN_SECONDS = 3600;
    private static final Pattern JWKS_URL = Pattern.compile("https://[^\\s]+");
    private static final Set<String> SERVICE_FIELDS = Set.of("cpu", "memory", "desiredCount", "minCount", "maxCount");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Every {@code *.json} in {@code directory}, sorted by file name. */
    public List<EnvironmentConfig> loadAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> configs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (configs.isEmpty()) {
                throw new InvalidConfigException(directory + ": no environment configuration (*.json) found");
            }
            return configs.stream().map(this::load).toList();
        } catch (IOException e) {
            throw new InvalidConfigException(directory + ": cannot list configuration files: " + e.getMessage(), e);
        }
    }

    public EnvironmentConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses {@code json}; {@code source} names the file in error messages. */
    public EnvironmentConfig parse(String source, String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        Fields f = new Fields(source);
        f.object(root, "(root)");
        f.onlyKnown(root, "", TOP_LEVEL_FIELDS);

        String suffix = f.matching(root, "environmentSuffix", SUFFIX, "lower-case letters, digits and '-', starting with a letter, at most 16");
        Optional<String> account = f.optionalMatching(root, "account", ACCOUNT, "a 12-digit AWS account id");
        String region = f.oneOf(root, "region", REGIONS);

        JsonNode network = f.requiredObject(root, "network");
        f.onlyKnown(network, "network.", Set.of("mode", "natGateways", "securityGroups"));
        NetworkMode networkMode = NetworkMode.valueOf(f.oneOf(network, "network.mode", Set.of("create", "import")).toUpperCase(Locale.ROOT));
        int natGateways = networkMode == NetworkMode.CREATE ? f.intBetween(network, "network.natGateways", 1, 3) : 0;
        SecurityGroupMode securityGroupMode = network.has("securityGroups")
                ? SecurityGroupMode.valueOf(f.oneOf(network, "network.securityGroups", Set.of("create", "import")).toUpperCase(Locale.ROOT))
                : SecurityGroupMode.CREATE;
        if (securityGroupMode == SecurityGroupMode.IMPORT && networkMode == NetworkMode.CREATE) {
            throw f.bad("network.securityGroups", "'import' needs network.mode 'import': a created VPC has no security groups to import");
        }

        JsonNode secret = f.requiredObject(root, "secret");
        f.onlyKnown(secret, "secret.", Set.of("mode"));
        SecretMode secretMode = SecretMode.valueOf(f.oneOf(secret, "secret.mode", Set.of("create", "import")).toUpperCase(Locale.ROOT));

        Optional<String> certificateArn = f.optionalMatching(root, "certificateArn", CERTIFICATE_ARN, "an ACM certificate ARN");

        JsonNode tagsNode = f.requiredObject(root, "tags");
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<String> names = tagsNode.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            tags.put(name, f.nonBlank(tagsNode, "tags." + name));
        }
        for (String required : REQUIRED_TAGS) {
            f.nonBlank(tagsNode, "tags." + required);
        }

        // Services and every sizing field are optional: what a file leaves out gets ServiceSizing.defaults.
        JsonNode servicesNode = f.optionalObject(root, "services");
        List<String> known = new ArrayList<>();
        for (Workload w : Workload.values()) {
            known.add(w.moduleName());
        }
        f.onlyKnown(servicesNode, "services.", Set.copyOf(known));
        Map<Workload, ServiceSizing> services = new EnumMap<>(Workload.class);
        for (Workload w : Workload.values()) {
            String path = "services." + w.moduleName();
            JsonNode s = f.optionalObject(servicesNode, path);
            f.onlyKnown(s, path + ".", SERVICE_FIELDS);
            services.put(w, sizing(f, s, path, ServiceSizing.defaults(w)));
        }
        String collectorImage = f.matching(root, "collectorImage", COLLECTOR_IMAGE,
                "public.ecr.aws/aws-observability/aws-otel-collector pinned by a version tag (:vX.Y.Z) or a digest (@sha256:...)");

        JsonNode alarmsNode = f.requiredObject(root, "alarms");
        f.onlyKnown(alarmsNode, "alarms.", Set.of("cpuHighPercent", "memoryHighPercent", "oldestMessageAgeMinutes",
                "deadlineMarginMinutes", "nightCheckTime"));
        // The check must come before the 09:30 deadline, or the alarm would only say what the deadline already did.
        LocalTime nightCheckTime = LocalTime.parse(f.matching(alarmsNode, "alarms.nightCheckTime",
                NIGHT_CHECK_TIME, "a New York time of day from 00:00 to 09:29 (HH:MM)"));
        AlarmThresholds alarms = new AlarmThresholds(
                f.intBetween(alarmsNode, "alarms.cpuHighPercent", 50, 100),
                f.intBetween(alarmsNode, "alarms.memoryHighPercent", 50, 100),
                f.intBetween(alarmsNode, "alarms.oldestMessageAgeMinutes", 5, 24 * 60),
                f.intBetween(alarmsNode, "alarms.deadlineMarginMinutes", 0, 12 * 60),
                nightCheckTime);

        boolean localEmulator = f.optionalBoolean(root, "localEmulator");
        if (certificateArn.isEmpty() && !localEmulator) {
            // Callers send bearer tokens: an internet-facing endpoint without TLS would hand them to anyone
            // on the path. Only the emulator, which never leaves this machine, goes without.
            throw f.bad("certificateArn", "is required: the reports endpoint is internet-facing and serves HTTPS only; "
                    + "only a localEmulator environment may listen for plain HTTP");
        }

        JsonNode bucketsNode = f.optionalObject(root, "buckets");
        f.onlyKnown(bucketsNode, "buckets.", Set.of("mode"));
        BucketMode bucketMode = bucketsNode.has("mode")
                ? BucketMode.valueOf(f.oneOf(bucketsNode, "buckets.mode", Set.of("create", "import")).toUpperCase(Locale.ROOT))
                : BucketMode.CREATE;

        ReportingDeployment reportingDeployment = root.has("reportingDeployment")
                ? ReportingDeployment.ofConfigValue(f.oneOf(root, "reportingDeployment",
                        Set.of(ReportingDeployment.ROLLING.configValue(), ReportingDeployment.BLUE_GREEN.configValue())))
                : ReportingDeployment.ROLLING;

        JsonNode scheduleNode = f.optionalObject(root, "riskSchedule");
        f.onlyKnown(scheduleNode, "riskSchedule.", Set.of("cron", "timezone"));
        String cron = scheduleNode.has("cron")
                ? f.matching(scheduleNode, "riskSchedule.cron", SCHEDULER_CRON,
                        "an EventBridge Scheduler cron expression, e.g. cron(0 2 ? * MON-FRI *)")
                : RiskSchedule.DEFAULT.cron();
        String timezone = scheduleNode.has("timezone") ? f.zoneId(scheduleNode, "riskSchedule.timezone") : RiskSchedule.DEFAULT.timezone();

        JsonNode scanNode = f.optionalObject(root, "imageScan");
        f.onlyKnown(scanNode, "imageScan.", Set.of("failOnSeverity"));
        ScanSeverity scanFailSeverity = scanNode.has("failOnSeverity")
                ? ScanSeverity.valueOf(f.oneOf(scanNode, "imageScan.failOnSeverity", Set.copyOf(ScanSeverity.names())))
                : ScanSeverity.CRITICAL;

        // The run size is optional, as is each of its fields: what a file leaves out gets VarSettings' defaults.
        JsonNode riskNode = f.optionalObject(root, "risk");
        f.onlyKnown(riskNode, "risk.", Set.of("scenarios", "shardScenarios"));
        RiskRunSize riskRun = new RiskRunSize(
                f.intBetween(riskNode, "risk.scenarios", RiskRunSize.MIN_SCENARIOS, RiskRunSize.MAX_SCENARIOS,
                        RiskRunSize.DEFAULT.scenarios()),
                f.intBetween(riskNode, "risk.shardScenarios", RiskRunSize.MIN_SCENARIOS, RiskRunSize.MAX_SCENARIOS,
                        RiskRunSize.DEFAULT.shardScenarios()));
        if (riskRun.shards() > RiskRunSize.MAX_SHARDS) {
            throw f.bad("risk.shardScenarios", riskRun.shardScenarios() + " splits " + riskRun.scenarios()
                    + " scenarios into " + riskRun.shards() + " shards, more than " + RiskRunSize.MAX_SHARDS);
        }

        JsonNode reportsNode = f.optionalObject(root, "reports");
        f.onlyKnown(reportsNode, "reports.", Set.of("presignSeconds", "jwksUrl"));
        int reportsPresignSeconds = f.intBetween(reportsNode, "reports.presignSeconds", 0, MAX_PRESIGN_SECONDS, 0);
        Optional<String> reportsJwksUrl = f.optionalMatching(reportsNode, "reports.jwksUrl", JWKS_URL,
                "an https URL of a JSON Web Key Set");

        return new EnvironmentConfig(suffix, account, region, networkMode, natGateways, secretMode,
                certificateArn, tags, services, collectorImage, alarms, localEmulator, bucketMode,
                reportingDeployment, new RiskSchedule(cron, timezone), securityGroupMode, scanFailSeverity, riskRun,
                reportsPresignSeconds, reportsJwksUrl);
    }

    private static ServiceSizing sizing(Fields f, JsonNode s, String path, ServiceSizing defaults) {
        int cpu = f.intBetween(s, path + ".cpu", 256, 16384, defaults.cpu());
        List<Integer> memories = FargateSizes.memoryChoicesMiB(cpu);
        if (memories.isEmpty()) {
            throw f.bad(path + ".cpu", cpu + " is not a Fargate cpu value (256, 512, 1024, 2048, 4096, 8192, 16384)");
        }
        int memory = f.intBetween(s, path + ".memory", 512, 122880, defaults.memoryMiB());
        if (!memories.contains(memory)) {
            throw f.bad(path + ".memory", memory + " MiB is not a Fargate memory size for cpu " + cpu
                    + " (from " + memories.getFirst() + " to " + memories.getLast() + " MiB)");
        }
        if (memory - TaskShape.COLLECTOR_MEMORY_MIB < TaskShape.MIN_APP_MEMORY_MIB) {
            throw f.bad(path + ".memory", memory + " MiB leaves less than " + TaskShape.MIN_APP_MEMORY_MIB
                    + " MiB for the service once the collector sidecar has its " + TaskShape.COLLECTOR_MEMORY_MIB + " MiB");
        }
        // Two tasks at least, so a zone outage or a Spot interruption never leaves a stage without a worker.
        int min = f.intBetween(s, path + ".minCount", 2, 100, defaults.minCount());
        int max = f.intBetween(s, path + ".maxCount", 2, 100, defaults.maxCount());
        int desired = f.intBetween(s, path + ".desiredCount", 2, 100, defaults.desiredCount());
        if (min > max) {
            throw f.bad(path + ".minCount", min + " is greater than maxCount " + max);
        }
        if (desired < min || desired > max) {
            throw f.bad(path + ".desiredCount", desired + " is outside minCount " + min + " .. maxCount " + max);
        }
        return new ServiceSizing(cpu, memory, desired, min, max);
    }

    /** Field access that names the file and the field's path in every error. */
    private record Fields(String source) {

        private static final JsonNode MISSING = JsonNodeFactory.instance.objectNode();

        InvalidConfigException bad(String path, String problem) {
            return new InvalidConfigException(source + ": field '" + path + "': " + problem);
        }

        private static String leaf(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }

        private JsonNode required(JsonNode parent, String path) {
            JsonNode node = parent.get(leaf(path));
            if (node == null || node.isNull()) {
                throw bad(path, "is missing");
            }
            return node;
        }

        void object(JsonNode node, String path) {
            if (!node.isObject()) {
                throw bad(path, "must be a JSON object");
            }
        }

        void onlyKnown(JsonNode node, String prefix, Set<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw bad(prefix + name, "is not a known field (known: " + known.stream().sorted().toList() + ")");
                }
            }
        }

        /** The object at {@code path}, or an empty object when the field is absent. */
        JsonNode optionalObject(JsonNode parent, String path) {
            JsonNode node = parent.get(leaf(path));
            if (node == null || node.isNull()) {
                return MISSING;
            }
            object(node, path);
            return node;
        }

        String zoneId(JsonNode parent, String path) {
            String value = nonBlank(parent, path);
            try {
                if (!value.contains("/") && !value.equals("UTC")) {
                    throw new DateTimeException("not a region-based zone id");
                }
                ZoneId.of(value);
            } catch (DateTimeException e) {
                throw bad(path, "'" + value + "' is not an IANA time zone such as America/New_York");
            }
            return value;
        }

        /** The whole number at {@code path}, or {@code fallback} when the field is absent. */
        int intBetween(JsonNode parent, String path, int min, int max, int fallback) {
            JsonNode node = parent.get(leaf(path));
            if (node == null || node.isNull()) {
                return fallback;
            }
            return intBetween(parent, path, min, max);
        }

        JsonNode requiredObject(JsonNode parent, String path) {
            JsonNode node = required(parent, path);
            object(node, path);
            return node;
        }

        String nonBlank(JsonNode parent, String path) {
            JsonNode node = required(parent, path);
            if (!node.isTextual() || node.asText().isBlank()) {
                throw bad(path, "must be a non-empty string");
            }
            return node.asText();
        }

        String matching(JsonNode parent, String path, Pattern pattern, String expected) {
            String value = nonBlank(parent, path);
            if (!pattern.matcher(value).matches()) {
                throw bad(path, "'" + value + "' is not " + expected);
            }
            return value;
        }

        Optional<String> optionalMatching(JsonNode parent, String path, Pattern pattern, String expected) {
            JsonNode node = parent.get(leaf(path));
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            return Optional.of(matching(parent, path, pattern, expected));
        }

        String oneOf(JsonNode parent, String path, Set<String> allowed) {
            String value = nonBlank(parent, path);
            if (!allowed.contains(value)) {
                throw bad(path, "'" + value + "' is not one of " + allowed.stream().sorted().toList());
            }
            return value;
        }

        boolean optionalBoolean(JsonNode parent, String path) {
            JsonNode node = parent.get(leaf(path));
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw bad(path, "'" + node + "' is not true or false");
            }
            return node.booleanValue();
        }

        int intBetween(JsonNode parent, String path, int min, int max) {
            JsonNode node = required(parent, path);
            if (!node.isIntegralNumber()) {
                throw bad(path, "'" + node + "' is not a whole number");
            }
            long value = node.asLong();
            if (value < min || value > max) {
                throw bad(path, value + " is outside " + min + " .. " + max);
            }
            return (int) value;
        }
    }
}
