package com.nightshift.infra;

import com.nightshift.infra.config.Workload;
import com.nightshift.infra.constructs.CollectorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.nightshift.infra.WorkloadStackTest.listOf;
import static com.nightshift.infra.WorkloadStackTest.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real AWS account needs of the templates beyond what the local emulator checks: each test is
 * one defect that would have failed a deployment, or left it running and silent (docs/operations.md,
 * "What a real account would have shown"). On the shipped dev configuration (everything created) and
 * the shipped fully imported example (network, security groups, secret and buckets imported).
 */
class AccountReadinessTest {

    private static Template dev;
    private static Template devRegistry;
    private static Template imported;
    private static Map<String, Map<String, Object>> devResources;

    @BeforeAll
    static void synthesize() {
        NightshiftApp.Stacks devStacks = TestConfigs.stacks(TestConfigs.shipped("dev"));
        dev = Template.fromStack(devStacks.workload());
        devRegistry = Template.fromStack(devStacks.registry());
        imported = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("example-imported")).workload());
        devResources = WorkloadStackTest.castResources(dev.toJSON().get("Resources"));
    }

    // --- 1. alarms can notify -----------------------------------------------------------------------

    @Test
    void alarm_topic_policy_lets_cloudwatch_alarms_of_this_account_publish() {
        dev.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", logicalIdOf("AWS::SNS::Topic", "TopicName", "sns-alarms-dev"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Condition", Match.objectLike(Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))))))));
    }

    @Test
    void every_topic_has_a_policy_that_allows_its_publisher_and_denies_plain_http() {
        Map<String, Map<String, Object>> topics = dev.findResources("AWS::SNS::Topic");
        assertThat(topics).isNotEmpty();
        for (String topic : topics.keySet()) {
            List<Map<String, Object>> statements = devResources.values().stream()
                    .filter(r -> "AWS::SNS::TopicPolicy".equals(r.get("Type")))
                    .map(r -> mapOf(r.get("Properties")))
                    .filter(p -> listOf(p.get("Topics")).toString().contains(topic))
                    .flatMap(p -> listOf(mapOf(p.get("PolicyDocument")).get("Statement")).stream())
                    .toList();
            assertThat(statements).as(topic + " allows a service to publish")
                    .anySatisfy(s -> assertThat(s).containsEntry("Effect", "Allow").containsEntry("Action", "sns:Publish")
                            .containsKey("Condition"));
            assertThat(statements).as(topic + " refuses plain HTTP")
                    .anySatisfy(s -> assertThat(s).containsEntry("Effect", "Deny")
                            .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        }
    }

    @Test
    void cloudwatch_may_use_the_key_of_the_encrypted_alarm_topic_for_this_accounts_alarms() {
        assertThat(keyStatementsFor("cloudwatch.amazonaws.com")).singleElement().satisfies(s -> {
            assertThat(s.get("Action")).isEqualTo(List.of("kms:Decrypt", "kms:GenerateDataKey*"));
            assertThat(s.get("Condition").toString()).contains("aws:SourceAccount").contains("aws:SourceArn").contains(":alarm:*");
        });
    }

    // --- 2. bucket names ----------------------------------------------------------------------------

    @Test
    void created_bucket_names_end_in_the_account_and_region() {
        Map<String, Map<String, Object>> buckets = dev.findResources("AWS::S3::Bucket");
        assertThat(buckets).hasSize(4);
        for (String purpose : List.of("data", "staging", "output", "accesslogs")) {
            dev.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", TestConfigs.bucketName(purpose, "dev", "us-east-1")));
        }
    }

    // --- 3. capacity providers before services -----------------------------------------------------

    @Test
    void every_service_is_created_after_the_clusters_capacity_providers() {
        String association = dev.findResources("AWS::ECS::ClusterCapacityProviderAssociations").keySet().stream()
                .findFirst().orElseThrow();
        Map<String, Map<String, Object>> services = dev.findResources("AWS::ECS::Service");
        assertThat(services).hasSize(Workload.values().length);
        services.forEach((id, service) -> assertThat(String.valueOf(service.get("DependsOn"))).as(id).contains(association));
    }

    // --- 4. no ECS Exec -----------------------------------------------------------------------------

    @Test
    void no_service_enables_ecs_exec_and_no_role_may_open_an_exec_channel() {
        devResources.values().stream().filter(r -> "AWS::ECS::Service".equals(r.get("Type")))
                .forEach(r -> assertThat(mapOf(r.get("Properties"))).doesNotContainKey("EnableExecuteCommand"));
        dev.allResourcesProperties("AWS::ECS::Cluster", Map.of("Configuration", Match.absent()));
        assertThat(dev.findResources("AWS::IAM::Policy").toString()).doesNotContain("ssmmessages:");
        assertThat(dev.toJSON().toString()).doesNotContain("log-ecs-exec-");
    }

    // --- 6. every log group a task writes to is the stack's -----------------------------------------

    @Test
    void every_log_group_a_task_writes_to_is_created_by_the_stack_encrypted_for_30_days() {
        Set<String> created = devResources.values().stream().filter(r -> "AWS::Logs::LogGroup".equals(r.get("Type")))
                .map(r -> String.valueOf(mapOf(r.get("Properties")).get("LogGroupName"))).collect(Collectors.toSet());
        List<String> written = new ArrayList<>();
        for (Map<String, Object> container : containers(dev)) {
            written.add(logGroupNameOf(mapOf(mapOf(container.get("LogConfiguration")).get("Options")).get("awslogs-group")));
            for (Map<String, Object> variable : listOf(container.get("Environment"))) {
                if (CollectorConfig.ENVIRONMENT_VARIABLE.equals(variable.get("Name"))) {
                    written.add(collectorMetricsLogGroup(variable.get("Value")));
                }
            }
        }
        assertThat(written).hasSize(12).allSatisfy(group -> assertThat(created).contains(group));
        dev.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30, "KmsKeyId", Match.anyValue()));
    }

    @Test
    void no_role_may_create_log_groups_outside_the_stack() {
        assertThat(dev.findResources("AWS::IAM::Policy").toString()).doesNotContain("logs:CreateLogGroup")
                .doesNotContain("/aws/ecs/application/metrics");
    }

    // --- 7. images from the account's own registry ---------------------------------------------------

    @Test
    void every_container_image_comes_from_the_accounts_ecr_by_digest() {
        for (Map<String, Object> container : containers(dev)) {
            assertThat(container.get("Image").toString()).as(String.valueOf(container.get("Name")))
                    .contains(".dkr.ecr.us-east-1.")
                    .contains("@")
                    .doesNotContain("public.ecr.aws");
        }
    }

    @Test
    void registry_caches_ecr_public_under_the_environments_prefix() {
        devRegistry.hasResourceProperties("AWS::ECR::PullThroughCacheRule", Map.of(
                "EcrRepositoryPrefix", "ecr-public-dev", "UpstreamRegistryUrl", "public.ecr.aws"));
        devRegistry.hasResourceProperties("AWS::ECR::RepositoryCreationTemplate", Map.of(
                "Prefix", "ecr-public-dev", "AppliedFor", List.of("PULL_THROUGH_CACHE"),
                "EncryptionConfiguration", Map.of("EncryptionType", "KMS")));
        // The template must exist before the first pull creates a repository through the rule.
        devRegistry.hasResource("AWS::ECR::PullThroughCacheRule", Map.of("DependsOn",
                List.of(Match.stringLikeRegexp("PublicImageCacheRepositories.*"))));
    }

    // --- 8. service principals only for this account ------------------------------------------------

    @Test
    void eventbridge_may_send_to_the_ingest_queue_only_from_the_inbound_rule_of_this_account() {
        List<Map<String, Object>> sends = devResources.values().stream()
                .filter(r -> "AWS::SQS::QueuePolicy".equals(r.get("Type")))
                .flatMap(r -> listOf(mapOf(mapOf(r.get("Properties")).get("PolicyDocument")).get("Statement")).stream())
                .filter(st -> Map.of("Service", "events.amazonaws.com").equals(st.get("Principal")))
                .toList();
        assertThat(sends).singleElement().satisfies(st -> {
            assertThat(st.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(mapOf(st.get("Condition")).get("StringEquals"))
                    .isEqualTo(Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")));
            assertThat(mapOf(st.get("Condition")).get("ArnEquals").toString()).contains("aws:SourceArn").contains(":rule/rule-inbound-dev");
        });
        assertThat(keyStatementsFor("events.amazonaws.com")).singleElement()
                .satisfies(s -> assertThat(s.get("Condition").toString()).contains("aws:SourceAccount").contains(":rule/rule-inbound-dev"));
    }

    @Test
    void every_service_principal_in_key_queue_and_topic_policies_is_held_to_this_account() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> resource : devResources.values()) {
            Map<String, Object> properties = mapOf(resource.get("Properties"));
            Object document = switch ((String) resource.get("Type")) {
                case "AWS::KMS::Key" -> properties.get("KeyPolicy");
                case "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy" -> properties.get("PolicyDocument");
                default -> null;
            };
            if (document != null) {
                statements.addAll(listOf(mapOf(document).get("Statement")));
            }
        }
        List<Map<String, Object>> servicePrincipals = statements.stream()
                .filter(s -> s.get("Principal") instanceof Map<?, ?> p && p.containsKey("Service")).toList();
        assertThat(servicePrincipals).hasSizeGreaterThanOrEqualTo(4).allSatisfy(s -> assertThat(String.valueOf(s.get("Condition")))
                .as(s.get("Principal") + " " + s.get("Action"))
                .containsAnyOf("aws:SourceAccount", "kms:EncryptionContext:aws:logs:arn"));
    }

    // --- 9. tags on running tasks -------------------------------------------------------------------

    @Test
    void every_service_propagates_its_tags_to_its_tasks() {
        dev.allResourcesProperties("AWS::ECS::Service", Map.of("PropagateTags", "SERVICE", "EnableECSManagedTags", true));
        dev.allResourcesProperties("AWS::ECS::Service", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "CostCenter", "Value", "risk-technology")))));
    }

    // --- 10. the fully imported example -------------------------------------------------------------

    @Test
    void fully_imported_example_takes_network_security_groups_secret_and_buckets_as_parameters() {
        Set<String> parameters = mapOf(imported.toJSON().get("Parameters")).keySet();
        assertThat(parameters).contains("VpcId", "PublicSubnetIds", "PrivateSubnetIds", "AppSecretArn",
                "ExistingDataBucketName", "ExistingStagingBucketName", "ExistingOutputBucketName",
                "LoadBalancerSecurityGroupId", "IngestionSecurityGroupId", "ProcessingSecurityGroupId",
                "RiskSecurityGroupId", "ReportingSecurityGroupId").doesNotContain("AvailabilityZones");
        imported.resourceCountIs("AWS::EC2::VPC", 0);
        imported.resourceCountIs("AWS::EC2::SecurityGroup", 0);
        imported.resourceCountIs("AWS::SecretsManager::Secret", 0);
        imported.resourceCountIs("AWS::S3::Bucket", 1);
    }

    @Test
    void imported_security_groups_are_used_as_they_are() {
        imported.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        imported.resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
        imported.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "svc-reporting-service-imported",
                "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of(
                        "SecurityGroups", List.of(Map.of("Ref", "ReportingSecurityGroupId")))))));
        imported.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "SecurityGroups", List.of(Map.of("Ref", "LoadBalancerSecurityGroupId"))));
    }

    @Test
    void imported_load_balancer_sits_in_the_public_subnets_parameter_itself() {
        imported.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Subnets", Map.of("Ref", "PublicSubnetIds")));
    }

    @Test
    void fully_imported_example_synthesizes_without_any_cdk_nag_or_template_validation_finding() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("imported-cdk-out");
        var assembly = NightshiftApp.synthesize(List.of(TestConfigs.shipped("example-imported")), out);

        assertThat(assembly.getStacks()).hasSize(2);
        assertThat(com.nightshift.infra.compliance.NagFindings.templateValidation(out)).isEmpty();
    }

    // --- outputs ----------------------------------------------------------------------------------

    @Test
    void outputs_name_every_task_role() {
        for (Workload workload : Workload.values()) {
            dev.hasOutput(workload.logicalName() + "TaskRoleArn", Map.of("Value", Map.of("Fn::GetAtt",
                    List.of(Match.stringLikeRegexp(workload.logicalName() + "ServiceTaskDefinitionTaskRole.*"), "Arn"))));
        }
    }

    @Test
    void every_output_of_both_stacks_is_exported_under_the_stack_name() {
        for (var stack : List.of(Map.entry("nightshift-workload-dev", dev), Map.entry("nightshift-registry-dev", devRegistry))) {
            Map<String, Map<String, Object>> outputs = WorkloadStackTest.castResources(stack.getValue().toJSON().get("Outputs"));
            assertThat(outputs).isNotEmpty();
            outputs.forEach((id, output) -> assertThat(output.get("Export"))
                    .as(stack.getKey() + " " + id).isEqualTo(Map.of("Name", stack.getKey() + ":" + id)));
        }
    }

    // --- lookups ----------------------------------------------------------------------------------

    private static List<Map<String, Object>> keyStatementsFor(String service) {
        return listOf(mapOf(mapOf(dev.findResources("AWS::KMS::Key").values().iterator().next().get("Properties"))
                .get("KeyPolicy")).get("Statement")).stream()
                .filter(s -> Map.of("Service", service).equals(s.get("Principal")))
                .toList();
    }

    private static List<Map<String, Object>> containers(Template template) {
        return template.findResources("AWS::ECS::TaskDefinition").values().stream()
                .flatMap(t -> listOf(mapOf(t.get("Properties")).get("ContainerDefinitions")).stream())
                .toList();
    }

    /** The name of the log group a {@code Ref} points at. */
    private static String logGroupNameOf(Object reference) {
        return logGroupName(String.valueOf(mapOf(reference).get("Ref")));
    }

    private static String logGroupName(String logicalId) {
        Map<String, Object> logGroup = devResources.get(logicalId);
        assertThat(logGroup).as("log group " + logicalId + " is a resource of the stack").isNotNull();
        return String.valueOf(mapOf(logGroup.get("Properties")).get("LogGroupName"));
    }

    private static String logicalIdOf(String type, String property, String value) {
        return dev.findResources(type, Map.of("Properties", Match.objectLike(Map.of(property, value)))).keySet().stream()
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " with " + property + " " + value));
    }

    /** The {@code log_group_name} of a collector configuration whose log group is a {@code Ref}. */
    private static String collectorMetricsLogGroup(Object configuration) {
        String rendered = configuration.toString();
        Matcher ref = Pattern.compile("log_group_name: , \\{Ref=([A-Za-z0-9]+)\\}").matcher(rendered);
        if (ref.find()) {
            return logGroupName(ref.group(1));
        }
        Matcher literal = Pattern.compile("log_group_name: (\\S+)").matcher(rendered);
        assertThat(literal.find()).as("collector configuration names its metrics log group: " + rendered).isTrue();
        return literal.group(1);
    }
}
