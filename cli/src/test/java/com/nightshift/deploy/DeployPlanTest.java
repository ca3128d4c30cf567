package com.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact command lines of a deployment, built against a project tree laid out in a temporary directory. */
class DeployPlanTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGISTRY = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com";
    private static final String INGESTION = "sha256:" + "1".repeat(64);
    private static final String PROCESSING = "sha256:" + "2".repeat(64);
    private static final String RISK = "sha256:" + "3".repeat(64);
    private static final String REPORTING = "sha256:" + "4".repeat(64);
    private static final String COLLECTOR = "sha256:" + "5".repeat(64);

    @TempDir
    Path root;

    @BeforeEach
    void layOutProject() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");
        ProjectTree.config(root, "prod", "prod", "import", "import");
        ProjectTree.templates(root, "dev", 200_000);
        ProjectTree.templates(root, "prod", 200_000);
    }

    @Test
    void registry_command_deploys_the_registry_template_to_the_region_of_the_environment() {
        assertThat(devPlan().registryCommand()).containsExactly("aws", "cloudformation", "deploy",
                "--region", "us-east-1",
                "--stack-name", "nightshift-registry-dev",
                "--template-file", cdkOut("nightshift-registry-dev.template.json"),
                "--no-fail-on-empty-changeset",
                "--s3-bucket", "templates-bucket", "--s3-prefix", "nightshift/dev");
    }

    @Test
    void registry_command_without_a_bucket_sends_a_small_template_inline() {
        DeployPlan plan = new DeployPlan(root, environment("dev"), ACCOUNT, "0.1.0", Optional.empty(), Map.of(),
                Optional.empty());

        assertThat(plan.registryCommand()).doesNotContain("--s3-bucket").endsWith("--no-fail-on-empty-changeset");
    }

    @Test
    void workload_template_above_the_inline_limit_without_a_bucket_is_an_error_naming_the_option() {
        DeployPlan plan = new DeployPlan(root, environment("dev"), ACCOUNT, "0.1.0", Optional.empty(), Map.of(),
                Optional.empty());

        assertThatThrownBy(() -> plan.workloadCommand(image -> INGESTION, COLLECTOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nightshift-workload-dev.template.json")
                .hasMessageContaining("-Dnightshift.templateBucket");
    }

    @Test
    void images_command_runs_jib_build_on_the_four_services_with_the_ecr_registry() {
        assertThat(devPlan().imagesCommand()).containsExactly(
                root.resolve("mvnw").toString(), "-B", "-f", root.resolve("pom.xml").toString(),
                "-pl", "ingestion-service,processing-service,risk-calculation,reporting-service",
                "jib:build",
                "-Dnightshift.ecr.registry=" + REGISTRY,
                "-Dnightshift.ecr.suffix=dev",
                "-Dnightshift.ecr.tag=0.1.0");
    }

    @Test
    void images_command_passes_a_chosen_base_image_on() {
        DeployPlan plan = new DeployPlan(root, environment("dev"), ACCOUNT, "0.1.0", Optional.of("templates-bucket"),
                Map.of(), Optional.of("eclipse-temurin:21-jre"));

        assertThat(plan.imagesCommand()).endsWith("-Dnightshift.base.image=eclipse-temurin:21-jre");
    }

    @Test
    void image_reference_names_the_repository_of_the_registry_stack() {
        assertThat(devPlan().imageReference(ServiceImage.RISK))
                .isEqualTo(REGISTRY + "/ecr-risk-calculation-dev:0.1.0");
    }

    @Test
    void login_password_command_asks_ecr_in_the_region_of_the_environment() {
        assertThat(devPlan().loginPasswordCommand()).containsExactly("aws", "ecr", "get-login-password",
                "--region", "us-east-1");
    }

    @Test
    void workload_command_overrides_the_digest_parameters_with_the_pushed_and_the_collector_digests() throws IOException {
        writeDigests();

        assertThat(devPlan().workloadCommand(COLLECTOR)).containsExactly("aws", "cloudformation", "deploy",
                "--region", "us-east-1",
                "--stack-name", "nightshift-workload-dev",
                "--template-file", cdkOut("nightshift-workload-dev.template.json"),
                "--no-fail-on-empty-changeset",
                "--s3-bucket", "templates-bucket", "--s3-prefix", "nightshift/dev",
                "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM",
                "--parameter-overrides",
                "IngestionImageDigest=" + INGESTION,
                "ProcessingImageDigest=" + PROCESSING,
                "RiskImageDigest=" + RISK,
                "ReportingImageDigest=" + REPORTING,
                "CollectorImageDigest=" + COLLECTOR);
    }

    @Test
    void workload_command_passes_the_imported_secret_and_network_parameters_through() throws IOException {
        writeDigests();
        DeployPlan plan = new DeployPlan(root, environment("prod"), ACCOUNT, "1.0.0", Optional.of("templates-bucket"),
                Map.of("AppSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf",
                        "VpcId", "vpc-0abc",
                        "PublicSubnetIds", "subnet-1,subnet-2,subnet-3",
                        "PrivateSubnetIds", "subnet-4,subnet-5,subnet-6"),
                Optional.empty());

        List<String> command = plan.workloadCommand(COLLECTOR);

        assertThat(command.subList(command.indexOf("--parameter-overrides") + 1, command.size())).containsExactly(
                "IngestionImageDigest=" + INGESTION,
                "ProcessingImageDigest=" + PROCESSING,
                "RiskImageDigest=" + RISK,
                "ReportingImageDigest=" + REPORTING,
                "CollectorImageDigest=" + COLLECTOR,
                "AppSecretArn=arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf",
                "PrivateSubnetIds=subnet-4,subnet-5,subnet-6",
                "PublicSubnetIds=subnet-1,subnet-2,subnet-3",
                "VpcId=vpc-0abc");
    }

    @Test
    void missing_digest_file_is_an_error_naming_the_service() throws IOException {
        writeDigests();
        Files.delete(ServiceImage.RISK.digestFile(root));

        assertThatThrownBy(() -> devPlan().workloadCommand(COLLECTOR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("risk-calculation: no pushed image digest at ")
                .hasMessageContaining("risk-calculation/target/jib-image.digest");
    }

    @Test
    void malformed_digest_file_is_an_error_naming_the_service() throws IOException {
        writeDigests();
        Files.writeString(ServiceImage.REPORTING.digestFile(root), "latest\n");

        assertThatThrownBy(() -> devPlan().workloadCommand(COLLECTOR))
                .hasMessageStartingWith("reporting-service: ")
                .hasMessageContaining("'latest'");
    }

    @Test
    void imported_secret_without_its_arn_is_an_error_naming_the_property() {
        assertThatThrownBy(() -> new DeployPlan(root, environment("prod"), ACCOUNT, "1.0.0", Optional.empty(),
                Map.of("VpcId", "vpc-0abc", "PublicSubnetIds", "s,t,u", "PrivateSubnetIds", "v,w,x"),
                Optional.empty()))
                .hasMessageContaining("infra/config/prod.json imports the application secret")
                .hasMessageContaining("-Dnightshift.appSecretArn=");
    }

    @Test
    void workload_command_passes_the_imported_security_groups_through() throws IOException {
        writeDigests();
        importSecurityGroups();
        DeployPlan plan = new DeployPlan(root, environment("shared"), ACCOUNT, "1.0.0", Optional.of("templates-bucket"),
                securityGroupImport(), Optional.empty());

        List<String> command = plan.workloadCommand(COLLECTOR);

        assertThat(command.subList(command.indexOf("--parameter-overrides") + 6, command.size())).containsExactly(
                "IngestionSecurityGroupId=sg-ingestion",
                "LoadBalancerSecurityGroupId=sg-alb",
                "PrivateSubnetIds=subnet-4,subnet-5,subnet-6",
                "ProcessingSecurityGroupId=sg-processing",
                "PublicSubnetIds=subnet-1,subnet-2,subnet-3",
                "ReportingSecurityGroupId=sg-reporting",
                "RiskSecurityGroupId=sg-risk",
                "VpcId=vpc-0abc");
    }

    @Test
    void imported_security_groups_without_one_of_them_is_an_error_naming_its_property() throws IOException {
        importSecurityGroups();
        Map<String, String> parameters = new HashMap<>(securityGroupImport());
        parameters.remove("RiskSecurityGroupId");

        assertThatThrownBy(() -> new DeployPlan(root, environment("shared"), ACCOUNT, "1.0.0", Optional.empty(),
                parameters, Optional.empty()))
                .hasMessageContaining("infra/config/shared.json imports its security groups")
                .hasMessageContaining("-Dnightshift.riskSecurityGroupId=");
    }

    @Test
    void security_group_parameters_without_the_import_are_an_error() {
        assertThatThrownBy(() -> new DeployPlan(root, environment("prod"), ACCOUNT, "1.0.0", Optional.empty(),
                Map.of("AppSecretArn", "arn:aws:secretsmanager:us-east-1:1:secret:x", "VpcId", "vpc-0abc",
                        "PublicSubnetIds", "s,t,u", "PrivateSubnetIds", "v,w,x", "RiskSecurityGroupId", "sg-risk"),
                Optional.empty()))
                .hasMessageContaining("stack parameter RiskSecurityGroupId was given, but infra/config/prod.json does not import it");
    }

    @Test
    void availability_zones_are_no_parameter_of_an_imported_network() {
        assertThatThrownBy(() -> new DeployPlan(root, environment("prod"), ACCOUNT, "1.0.0", Optional.empty(),
                Map.of("AppSecretArn", "arn:aws:secretsmanager:us-east-1:1:secret:x", "VpcId", "vpc-0abc",
                        "PublicSubnetIds", "s,t,u", "PrivateSubnetIds", "v,w,x", "AvailabilityZones", "a,b,c"),
                Optional.empty()))
                .hasMessageContaining("stack parameter AvailabilityZones was given");
    }

    @Test
    void deploy_profile_passes_every_importable_parameter_on_under_its_property() throws IOException {
        String pom = Files.readString(Path.of(System.getProperty("user.dir")).resolve("pom.xml"));
        List<String> importable = new ArrayList<>(List.of(DeployPlan.SECRET_PARAMETER));
        importable.addAll(DeployPlan.NETWORK_PARAMETERS);
        importable.addAll(DeployPlan.SECURITY_GROUP_PARAMETERS);
        importable.addAll(DeployPlan.BUCKET_PARAMETERS);

        for (String name : importable) {
            String property = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            assertThat(pom).contains("<argument>--parameter=" + name + "=${nightshift." + property + "}</argument>");
        }
        assertThat(pom).doesNotContain("AvailabilityZones");
    }

    @Test
    void collector_digest_given_by_hand_is_an_error_saying_the_deployment_resolves_it() {
        assertThatThrownBy(() -> new DeployPlan(root, environment("dev"), ACCOUNT, "1.0.0", Optional.empty(),
                Map.of("CollectorImageDigest", COLLECTOR), Optional.empty()))
                .hasMessageContaining("stack parameter CollectorImageDigest is not given by hand")
                .hasMessageContaining("through the pull-through cache");
    }

    @Test
    void collector_reference_names_the_pull_through_cache_repository_of_the_registry() {
        assertThat(devPlan().collectorReference(COLLECTOR))
                .isEqualTo(REGISTRY + "/ecr-public-dev/aws-observability/aws-otel-collector@" + COLLECTOR);
    }

    @Test
    void parameter_the_environment_does_not_import_is_an_error() {
        assertThatThrownBy(() -> new DeployPlan(root, environment("dev"), ACCOUNT, "1.0.0", Optional.empty(),
                Map.of("AppSecretArn", "arn:aws:secretsmanager:us-east-1:1:secret:x"), Optional.empty()))
                .hasMessageContaining("stack parameter AppSecretArn was given, but infra/config/dev.json does not import it");
    }

    @Test
    void missing_template_is_an_error_saying_how_to_synthesize_it() throws IOException {
        Files.delete(root.resolve("infra/target/cdk.out/nightshift-registry-dev.template.json"));

        assertThatThrownBy(() -> devPlan().registryCommand())
                .hasMessageContaining("nightshift-registry-dev.template.json")
                .hasMessageContaining("./mvnw package");
    }

    /** Environment "shared": an imported network with imported security groups. */
    private void importSecurityGroups() throws IOException {
        ProjectTree.config(root, "shared", """
                {"environmentSuffix":"shared","region":"us-east-1",
                 "network":{"mode":"import","securityGroups":"import"},"secret":{"mode":"create"},
                 "collectorImage":"%s"}
                """.formatted(ProjectTree.COLLECTOR_IMAGE));
        ProjectTree.templates(root, "shared", 200_000);
    }

    private static Map<String, String> securityGroupImport() {
        return Map.of("VpcId", "vpc-0abc",
                "PublicSubnetIds", "subnet-1,subnet-2,subnet-3",
                "PrivateSubnetIds", "subnet-4,subnet-5,subnet-6",
                "LoadBalancerSecurityGroupId", "sg-alb",
                "IngestionSecurityGroupId", "sg-ingestion",
                "ProcessingSecurityGroupId", "sg-processing",
                "RiskSecurityGroupId", "sg-risk",
                "ReportingSecurityGroupId", "sg-reporting");
    }

    private DeployPlan devPlan() {
        return new DeployPlan(root, environment("dev"), ACCOUNT, "0.1.0", Optional.of("templates-bucket"), Map.of(),
                Optional.empty());
    }

    private DeployEnvironment environment(String name) {
        return DeployEnvironment.load(root.resolve("infra/config"), name);
    }

    private String cdkOut(String file) {
        return root.resolve("infra/target/cdk.out").resolve(file).toString();
    }

    private void writeDigests() throws IOException {
        Map<ServiceImage, String> digests = Map.of(ServiceImage.INGESTION, INGESTION, ServiceImage.PROCESSING,
                PROCESSING, ServiceImage.RISK, RISK, ServiceImage.REPORTING, REPORTING);
        for (Map.Entry<ServiceImage, String> entry : digests.entrySet()) {
            Path file = entry.getKey().digestFile(root);
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
        }
    }
}
