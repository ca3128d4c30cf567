package com.nightshift.infra.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentConfigLoaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final EnvironmentConfigLoader loader = new EnvironmentConfigLoader();

    @Test
    void test_loadAll_readsEveryShippedConfiguration() {
        List<EnvironmentConfig> configs = loader.loadAll(Path.of("config"));

        assertThat(configs).extracting(EnvironmentConfig::environmentSuffix).contains("dev", "local");
    }

    @Test
    void test_load_local_usesCreatedNetworkImportedSecretAndUsEast1() {
        EnvironmentConfig local = loader.load(Path.of("config/local.json"));

        assertThat(local.region()).isEqualTo("us-east-1");
        assertThat(local.networkMode()).isEqualTo(NetworkMode.CREATE);
        assertThat(local.secretMode()).isEqualTo(SecretMode.IMPORT);
        assertThat(local.tags()).containsKeys("Environment", "Project", "CostCenter");
        assertThat(local.services()).containsOnlyKeys(Workload.values());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cpu not a Fargate value     | services.risk-calculation.cpu    | 300",
            "memory not allowed for cpu  | services.risk-calculation.memory | 512",
            "desired above max           | services.risk-calculation.desiredCount | 99",
            "cpu not a number            | services.risk-calculation.cpu    | \"lots\"",
    })
    void test_parse_badServiceValue_namesFileAndField(String problem, String field, String json) throws IOException {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        var value = MAPPER.readTree(json);
        assertRejected(root -> ((ObjectNode) root.get("services").get("risk-calculation")).set(leaf, value), field);
    }

    @Test
    void test_parse_unsupportedRegion_namesRegion() {
        assertRejected(root -> root.put("region", "eu-west-1"), "region");
    }

    @Test
    void test_parse_unknownNetworkMode_namesNetworkMode() {
        assertRejected(root -> ((ObjectNode) root.get("network")).put("mode", "borrow"), "network.mode");
    }

    @Test
    void test_parse_missingCostCenterTag_namesTag() {
        assertRejected(root -> ((ObjectNode) root.get("tags")).remove("CostCenter"), "tags.CostCenter");
    }

    @Test
    void test_parse_misspeltField_isRejectedNotIgnored() {
        assertRejected(root -> root.put("enviromentSuffix", "x"), "enviromentSuffix");
    }

    @Test
    void test_parse_upperCaseSuffix_namesSuffix() {
        assertRejected(root -> root.put("environmentSuffix", "Dev"), "environmentSuffix");
    }

    @Test
    void test_parse_omittedServices_getTheRequirementDefaults() {
        EnvironmentConfig config = parsed(root -> root.remove("services"));

        assertThat(config.services()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                Workload.INGESTION, new ServiceSizing(1024, 2048, 2, 2, 10),
                Workload.PROCESSING, new ServiceSizing(1024, 2048, 2, 2, 10),
                Workload.RISK, new ServiceSizing(2048, 4096, 2, 2, 10),
                Workload.REPORTING, new ServiceSizing(1024, 2048, 2, 2, 10)));
    }

    @Test
    void test_parse_omittedMaxCount_defaultsToTen() {
        EnvironmentConfig config = parsed(root -> ((ObjectNode) root.get("services").get("ingestion-service")).remove("maxCount"));

        assertThat(config.sizing(Workload.INGESTION).maxCount()).isEqualTo(10);
    }

    @Test
    void test_parse_omittedNewFields_defaultToCreatedBucketsRollingAndWeekdays0200NewYork() {
        EnvironmentConfig config = parsed(root -> { });

        assertThat(config.bucketMode()).isEqualTo(BucketMode.CREATE);
        assertThat(config.reportingDeployment()).isEqualTo(ReportingDeployment.ROLLING);
        assertThat(config.riskSchedule()).isEqualTo(new RiskSchedule("cron(0 2 ? * MON-FRI *)", "America/New_York"));
    }

    @Test
    void test_load_local_shardsItsRunsSoThatEveryLocalNightTakesTheShardedPath() {
        EnvironmentConfig local = loader.load(Path.of("config/local.json"));

        assertThat(local.riskRun()).isEqualTo(new RiskRunSize(100_000, 25_000));
        assertThat(local.riskRun().shards()).isEqualTo(4);
    }

    @Test
    void test_parse_omittedRiskBlock_getsTheVarSettingsDefaults_computedInOneTask() {
        EnvironmentConfig config = parsed(root -> root.remove("risk"));

        assertThat(config.riskRun()).isEqualTo(new RiskRunSize(com.nightshift.risk.var.VarSettings.DEFAULT_SCENARIOS,
                com.nightshift.risk.var.VarSettings.DEFAULT_SHARD_SCENARIOS));
        assertThat(config.riskRun().shards()).isEqualTo(1);
    }

    @Test
    void test_parse_riskBlockWithScenariosOnly_keepsTheDefaultShardSize() {
        EnvironmentConfig config = parsed(root -> root.putObject("risk").put("scenarios", 600_000));

        assertThat(config.riskRun()).isEqualTo(new RiskRunSize(600_000, 250_000));
        assertThat(config.riskRun().shards()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "too few scenarios      | risk.scenarios      | 10",
            "shard size zero        | risk.shardScenarios | 0",
            "scenarios not a number | risk.scenarios      | \"many\"",
            "misspelt field         | risk.shards         | 4",
    })
    void test_parse_badRiskValue_namesFileAndField(String problem, String field, String json) throws IOException {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        var value = MAPPER.readTree(json);
        assertRejected(root -> ((ObjectNode) root.get("risk")).set(leaf, value), field);
    }

    @Test
    void test_parse_shardSizeGivingTooManyShards_namesShardScenarios() {
        assertRejected(root -> root.putObject("risk").put("scenarios", 10_000_000).put("shardScenarios", 1_000),
                "risk.shardScenarios");
    }

    @Test
    void test_parse_unknownReportingDeployment_namesIt() {
        assertRejected(root -> root.put("reportingDeployment", "canary"), "reportingDeployment");
    }

    @Test
    void test_parse_unknownBucketMode_namesIt() {
        assertRejected(root -> root.putObject("buckets").put("mode", "borrow"), "buckets.mode");
    }

    @Test
    void test_parse_ruleStyleCronWithFiveFields_isRejected() {
        assertRejected(root -> root.putObject("riskSchedule").put("cron", "0 2 * * 1-5"), "riskSchedule.cron");
    }

    @Test
    void test_parse_utcOffsetInsteadOfZone_isRejected() {
        assertRejected(root -> root.putObject("riskSchedule").put("timezone", "-05:00"), "riskSchedule.timezone");
    }

    @Test
    void test_parse_collectorImageByLatestTag_isRejectedAsUnpinned() {
        assertRejected(root -> root.put("collectorImage", "public.ecr.aws/aws-observability/aws-otel-collector:latest"), "collectorImage");
    }

    @Test
    void test_parse_singleTaskMinimum_isRejected() {
        assertRejected(root -> ((ObjectNode) root.get("services").get("ingestion-service")).put("minCount", 1),
                "services.ingestion-service.minCount");
    }

    @Test
    void test_parse_memoryWithoutRoomForCollector_namesMemory() {
        assertRejected(root -> ((ObjectNode) root.get("services").get("ingestion-service")).put("cpu", 256).put("memory", 512),
                "services.ingestion-service.memory");
    }

    @Test
    void test_parse_missingAlarmThreshold_namesIt() {
        assertRejected(root -> ((ObjectNode) root.get("alarms")).remove("oldestMessageAgeMinutes"), "alarms.oldestMessageAgeMinutes");
    }

    @Test
    void test_parse_nightCheckAtOrAfterTheDeadline_namesIt() {
        assertRejected(root -> ((ObjectNode) root.get("alarms")).put("nightCheckTime", "09:30"), "alarms.nightCheckTime");
        assertRejected(root -> ((ObjectNode) root.get("alarms")).put("nightCheckTime", "8:30"), "alarms.nightCheckTime");
    }

    @Test
    void test_parse_deadlineMarginAboveTwelveHours_namesIt() {
        assertRejected(root -> ((ObjectNode) root.get("alarms")).put("deadlineMarginMinutes", 721), "alarms.deadlineMarginMinutes");
    }

    @Test
    void test_parse_badAccount_namesAccount() {
        assertRejected(root -> root.put("account", "12345"), "account");
    }

    @Test
    void test_parse_importedSecurityGroupsWithCreatedNetwork_namesSecurityGroups() {
        assertRejected(root -> ((ObjectNode) root.get("network")).put("securityGroups", "import"), "network.securityGroups");
    }

    @Test
    void test_load_fullyImportedExample_importsSecurityGroupsAndFailsScansAtHigh() {
        EnvironmentConfig example = loader.load(Path.of("config/example-imported.json"));

        assertThat(example.networkMode()).isEqualTo(NetworkMode.IMPORT);
        assertThat(example.securityGroupMode()).isEqualTo(SecurityGroupMode.IMPORT);
        assertThat(example.secretMode()).isEqualTo(SecretMode.IMPORT);
        assertThat(example.bucketMode()).isEqualTo(BucketMode.IMPORT);
        assertThat(example.scanFailSeverity()).isEqualTo(ScanSeverity.HIGH);
    }

    @Test
    void test_parse_omittedImageScan_failsOnCritical() {
        assertThat(parsed(root -> root.remove("imageScan")).scanFailSeverity()).isEqualTo(ScanSeverity.CRITICAL);
    }

    @Test
    void test_parse_unknownScanSeverity_namesIt() {
        assertRejected(root -> root.putObject("imageScan").put("failOnSeverity", "SEVERE"), "imageScan.failOnSeverity");
    }

    @Test
    void test_parse_collectorPinnedByDigest_givesRepositoryAndDigest() {
        String digest = "sha256:" + "ab".repeat(32);
        EnvironmentConfig config = parsed(root -> root.put("collectorImage",
                "public.ecr.aws/aws-observability/aws-otel-collector@" + digest));

        assertThat(config.collectorRepository()).isEqualTo("aws-observability/aws-otel-collector");
        assertThat(config.collectorDigest()).contains(digest);
    }

    @Test
    void test_parse_collectorPinnedByTag_givesRepositoryAndNoDigest() {
        EnvironmentConfig config = parsed(root -> { });

        assertThat(config.collectorRepository()).isEqualTo("aws-observability/aws-otel-collector");
        assertThat(config.collectorDigest()).isEmpty();
    }

    @Test
    void test_parse_minAboveMax_namesMinCount() {
        assertRejected(root -> ((ObjectNode) root.get("services").get("ingestion-service"))
                .put("minCount", 4).put("maxCount", 3).put("desiredCount", 3), "services.ingestion-service.minCount");
    }

    @Test
    void test_parse_networkNotAnObject_namesNetwork() {
        assertRejected(root -> root.put("network", "import"), "network");
    }

    @Test
    void test_parse_emptyRegion_namesRegion() {
        assertRejected(root -> root.put("region", " "), "region");
    }

    @Test
    void test_parse_noCertificateOutsideTheEmulator_isRefused() {
        assertRejected(root -> root.remove("localEmulator"), "certificateArn");
        assertRejected(root -> root.put("localEmulator", false), "certificateArn");
    }

    @Test
    void test_parse_certificateOutsideTheEmulator_isAccepted() {
        EnvironmentConfig config = parsed(root -> root.put("localEmulator", false)
                .put("certificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d"));

        assertThat(config.certificateArn()).contains("arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d");
    }

    @Test
    void test_parse_reportsPresignSeconds_defaultsToStreaming_andIsBounded() {
        assertThat(parsed(root -> { }).reportsPresignSeconds()).isZero();
        assertThat(parsed(root -> root.putObject("reports").put("presignSeconds", 300)).reportsPresignSeconds()).isEqualTo(300);
        assertRejected(root -> root.putObject("reports").put("presignSeconds", 3601), "reports.presignSeconds");
        assertRejected(root -> root.putObject("reports").put("presignSeconds", -1), "reports.presignSeconds");
        assertRejected(root -> root.putObject("reports").put("presign", 60), "reports.presign");
    }

    @Test
    void test_parse_reportsJwksUrl_isOptional_andHttpsOnly() {
        assertThat(parsed(root -> { }).reportsJwksUrl()).isEmpty();
        assertThat(parsed(root -> root.putObject("reports").put("jwksUrl", "https://idp.example.com/.well-known/jwks.json"))
                .reportsJwksUrl()).contains("https://idp.example.com/.well-known/jwks.json");
        assertRejected(root -> root.putObject("reports").put("jwksUrl", "http://idp.example.com/jwks.json"), "reports.jwksUrl");
    }

    @Test
    void test_parse_localEmulatorNotABoolean_namesIt() {
        assertRejected(root -> root.put("localEmulator", "yes"), "localEmulator");
    }

    @Test
    void test_parse_notJson_namesTheFile() {
        assertThatThrownBy(() -> loader.parse("config/broken.json", "{ \"region\": "))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("config/broken.json: not valid JSON");
    }

    @Test
    void test_load_missingFile_namesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("gone.json")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("gone.json: cannot read")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void test_loadAll_directoryWithoutConfigurations_saysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.loadAll(dir))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no environment configuration");
    }

    @Test
    void test_loadAll_missingDirectory_namesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.loadAll(dir.resolve("nowhere")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("nowhere: cannot list configuration files");
    }

    private EnvironmentConfig parsed(Consumer<ObjectNode> edit) {
        ObjectNode root;
        try {
            root = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config/local.json")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        edit.accept(root);
        return loader.parse("config/edited.json", root.toString());
    }

    private void assertRejected(Consumer<ObjectNode> edit, String field) {
        ObjectNode root;
        try {
            root = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("config/local.json")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        edit.accept(root);
        assertThatThrownBy(() -> loader.parse("config/broken.json", root.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("config/broken.json: field '" + field + "'");
    }
}
