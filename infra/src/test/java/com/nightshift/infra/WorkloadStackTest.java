package com.nightshift.infra;

import com.nightshift.infra.config.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The workload stack of the shipped local configuration (created VPC, imported secret, plain HTTP). */
class WorkloadStackTest {

    private static Template template;
    private static Map<String, Object> json;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("local")).workload());
        json = template.toJSON();
    }

    @Test
    void stack_and_template_are_named_nightshift_workload_suffix() {
        var stacks = TestConfigs.stacks(TestConfigs.shipped("local"));
        assertThat(stacks.workload().getStackName()).isEqualTo("nightshift-workload-local");
        assertThat(stacks.workload().getTemplateFile()).isEqualTo("nightshift-workload-local.template.json");
    }

    @Test
    void template_has_no_bootstrap_version_parameter_or_rule() {
        assertThat(section("Parameters")).doesNotContainKey("BootstrapVersion");
        assertThat(json).doesNotContainKey("Rules");
    }

    @Test
    void template_has_no_custom_resources_or_functions() {
        Set<String> types = resources().values().stream().map(r -> (String) r.get("Type")).collect(Collectors.toSet());
        assertThat(types).noneMatch(t -> t.startsWith("Custom::") || t.equals("AWS::CloudFormation::CustomResource")
                || t.equals("AWS::Lambda::Function"));
    }

    @Test
    void no_resource_is_retained_on_delete() {
        assertThat(resources().values()).allSatisfy(r -> {
            assertThat(r.get("DeletionPolicy")).isNotEqualTo("Retain");
            assertThat(r.get("UpdateReplacePolicy")).isNotEqualTo("Retain");
        });
    }

    @Test
    void workload_key_rotates() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void buckets_are_named_by_purpose_suffix_account_and_region() {
        for (String purpose : List.of("data", "staging", "output", "accesslogs")) {
            template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", bucketName(purpose)));
        }
    }

    @Test
    void data_buckets_are_kms_encrypted_and_block_public_access() {
        for (String purpose : List.of("data", "staging", "output")) {
            template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", bucketName(purpose),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", Match.anyValue())))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        }
    }

    @Test
    void data_buckets_log_requests_to_the_access_log_bucket() {
        String accessLogs = bucketId("accesslogs");
        for (String purpose : List.of("data", "staging", "output")) {
            template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", bucketName(purpose),
                    "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", accessLogs), "LogFilePrefix", "s3/" + purpose + "/")));
        }
    }

    @Test
    void every_bucket_blocks_public_access() {
        template.allResourcesProperties("AWS::S3::Bucket", Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
    }

    @Test
    void every_bucket_denies_plain_http() {
        template.resourceCountIs("AWS::S3::BucketPolicy", 4);
        template.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void output_bucket_is_versioned() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", bucketName("output"),
                "VersioningConfiguration", Map.of("Status", "Enabled")));
    }

    @Test
    void data_bucket_sends_events_to_eventbridge() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", bucketName("data"),
                "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true))));
    }

    @Test
    void every_queue_has_a_dead_letter_queue_with_redrive() {
        Map<String, Map<String, Object>> workQueues = template.findResources("AWS::SQS::Queue",
                Map.of("Properties", Map.of("RedrivePolicy", Match.anyValue())));
        assertThat(workQueues).hasSize(4);
        template.resourceCountIs("AWS::SQS::Queue", 8);
        for (String purpose : List.of("ingest", "recon", "risk", "report")) {
            String dlqLogicalId = logicalIdOfQueue("sqs-" + purpose + "-dlq-local");
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", "sqs-" + purpose + "-local",
                    "RedrivePolicy", Map.of("maxReceiveCount", 5,
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlqLogicalId, "Arn")))));
        }
    }

    @Test
    void every_queue_is_kms_encrypted() {
        template.allResourcesProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId", Match.anyValue()));
    }

    @Test
    void queue_visibility_outlasts_the_longest_job() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "sqs-risk-local", "VisibilityTimeout", 900));
        for (String purpose : List.of("ingest", "recon", "report")) {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "sqs-" + purpose + "-local", "VisibilityTimeout", 300));
        }
    }

    @Test
    void inbound_object_created_events_go_to_the_ingest_queue() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of(
                                "bucket", Map.of("name", List.of(Map.of("Ref", bucketId("data")))),
                                "object", Map.of("key", List.of(Map.of("prefix", "inbound/"))))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(logicalIdOfQueue("sqs-ingest-local"), "Arn")))))));
    }

    @Test
    void ingest_queue_admits_messages_from_eventbridge() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", logicalIdOfQueue("sqs-ingest-local"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", "sqs:SendMessage",
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))));
    }

    @Test
    void imported_secret_arrives_through_the_app_secret_arn_parameter() {
        assertThat(section("Parameters")).containsKey("AppSecretArn");
        template.resourceCountIs("AWS::SecretsManager::Secret", 0);
    }

    @Test
    void created_network_spans_three_zones_with_public_and_private_subnets() {
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
    }

    @Test
    void created_network_logs_all_flows_to_an_encrypted_log_group() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "log-vpc-flow-local", "KmsKeyId", Match.anyValue()));
    }

    @Test
    void load_balancer_writes_access_logs() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("LoadBalancerAttributes", Match.arrayWith(List.of(
                Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                Map.of("Key", "access_logs.s3.prefix", "Value", "alb/reports")))));
    }

    @Test
    void cluster_has_container_insights_with_enhanced_observability() {
        template.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enhanced"))));
    }

    @Test
    void containers_are_named_after_their_modules_and_listen_on_8080() {
        for (Workload workload : Workload.values()) {
            template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("Name", workload.moduleName(),
                            "PortMappings", List.of(Match.objectLike(Map.of("ContainerPort", 8080)))))))));
        }
    }

    @Test
    void task_definitions_give_each_service_exactly_its_environment() {
        Map<String, Set<String>> expected = Map.of(
                "ingestion-service", Set.of("DATA_BUCKET", "STAGING_BUCKET", "INGEST_QUEUE_URL", "RECON_QUEUE_URL",
                        "RISK_QUEUE_URL", "MICRONAUT_SERVER_PORT", "OTEL_EXPORTER_OTLP_ENDPOINT", "NOTIFICATION_TOPIC_ARN",
                        "METRICS_NAMESPACE"),
                "processing-service", Set.of("STAGING_BUCKET", "RECON_QUEUE_URL", "REPORT_QUEUE_URL", "MICRONAUT_SERVER_PORT",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "NOTIFICATION_TOPIC_ARN", "METRICS_NAMESPACE"),
                "risk-calculation", Set.of("STAGING_BUCKET", "RISK_QUEUE_URL", "REPORT_QUEUE_URL", "VAR_SCENARIOS",
                        "VAR_SEED", "VAR_METHOD", "VAR_SHARD_SCENARIOS", "VAR_RATE", "MICRONAUT_SERVER_PORT", "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "NOTIFICATION_TOPIC_ARN", "METRICS_NAMESPACE"),
                "reporting-service", Set.of("STAGING_BUCKET", "OUTPUT_BUCKET", "REPORT_QUEUE_URL", "MICRONAUT_SERVER_PORT",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "NOTIFICATION_TOPIC_ARN", "METRICS_NAMESPACE", "REPORTS_PRESIGN_SECONDS"));
        for (var entry : expected.entrySet()) {
            assertThat(environmentOf(entry.getKey()).keySet()).as(entry.getKey()).isEqualTo(new TreeSet<>(entry.getValue()));
        }
    }

    @Test
    void environment_values_point_at_this_stacks_resources() {
        Map<String, Object> ingestion = environmentOf("ingestion-service");
        assertThat(ingestion.get("DATA_BUCKET")).isEqualTo(Map.of("Ref", bucketId("data")));
        assertThat(ingestion.get("INGEST_QUEUE_URL")).isEqualTo(Map.of("Ref", logicalIdOfQueue("sqs-ingest-local")));
        assertThat(ingestion.get("MICRONAUT_SERVER_PORT")).isEqualTo("8080");
        Map<String, Object> risk = environmentOf("risk-calculation");
        // The local configuration shards its runs (100,000 scenarios in 4 shards); seed and method are the defaults.
        assertThat(risk).containsEntry("VAR_SCENARIOS", "100000").containsEntry("VAR_SEED", "20261120")
                .containsEntry("VAR_METHOD", "plain").containsEntry("VAR_SHARD_SCENARIOS", "25000")
                .containsEntry("VAR_RATE", "0.0");
        // Business metrics go to the namespace the deadline alarms read.
        for (Workload workload : Workload.values()) {
            assertThat(environmentOf(workload.moduleName())).as(workload.moduleName())
                    .containsEntry("METRICS_NAMESPACE", "Nightshift/local");
        }
    }

    @Test
    void every_container_gets_the_signing_key_from_the_app_secret() {
        for (Workload workload : Workload.values()) {
            List<Map<String, Object>> secrets = listOf(container(workload.moduleName()).get("Secrets"));
            assertThat(secrets).as(workload.moduleName()).anySatisfy(s -> {
                assertThat(s.get("Name")).isEqualTo("MANIFEST_SIGNING_KEY");
                assertThat(s.get("ValueFrom")).isEqualTo(Map.of("Fn::Join", List.of("",
                        List.of(Map.of("Ref", "AppSecretArn"), ":manifestSigningKey::"))));
            });
        }
    }

    @Test
    void only_the_reports_api_gets_the_token_key_from_the_imported_app_secret() {
        for (Workload workload : Workload.values()) {
            List<Object> names = listOf(container(workload.moduleName()).get("Secrets")).stream().map(s -> s.get("Name")).toList();
            assertThat(names).as(workload.moduleName()).containsExactlyInAnyOrderElementsOf(workload.servesHttp()
                    ? List.of("MANIFEST_SIGNING_KEY", "REPORTS_TOKEN_KEY") : List.of("MANIFEST_SIGNING_KEY"));
        }
        assertThat(listOf(container("reporting-service").get("Secrets"))).anySatisfy(s -> {
            assertThat(s.get("Name")).isEqualTo("REPORTS_TOKEN_KEY");
            assertThat(s.get("ValueFrom")).isEqualTo(Map.of("Fn::Join", List.of("",
                    List.of(Map.of("Ref", "AppSecretArn"), ":reportsTokenKey::"))));
        });
    }

    @Test
    void the_reports_api_gets_a_jwks_url_only_when_the_configuration_names_one() {
        assertThat(environmentOf("reporting-service")).doesNotContainKey("REPORTS_JWKS_URL");
        var federated = TestConfigs.variant("local", root -> root.putObject("reports")
                .put("jwksUrl", "https://idp.example.com/.well-known/jwks.json"));
        Template withJwks = Template.fromStack(TestConfigs.stacks(federated).workload());
        withJwks.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "reporting-service", "Environment", Match.arrayWith(List.of(
                        Map.of("Name", "REPORTS_JWKS_URL", "Value", "https://idp.example.com/.well-known/jwks.json")))))))));
    }

    @Test
    void reports_are_streamed_unless_the_configuration_asks_for_presigned_links() {
        assertThat(environmentOf("reporting-service")).containsEntry("REPORTS_PRESIGN_SECONDS", "0");
        var presigning = TestConfigs.variant("local", root -> root.putObject("reports").put("presignSeconds", 300));
        Template withLinks = Template.fromStack(TestConfigs.stacks(presigning).workload());
        withLinks.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "reporting-service", "Environment", Match.arrayWith(List.of(
                        Map.of("Name", "REPORTS_PRESIGN_SECONDS", "Value", "300")))))))));
    }

    @Test
    void container_health_check_runs_the_health_probe() {
        for (Workload workload : Workload.values()) {
            Map<String, Object> healthCheck = mapOf(container(workload.moduleName()).get("HealthCheck"));
            assertThat(healthCheck.get("Command")).isEqualTo(List.of("CMD", "java", "-cp", "/app/classpath/*:/app/libs/*",
                    "com.nightshift.common.health.HealthProbe"));
        }
    }

    @Test
    void images_are_pinned_by_digest_parameters() {
        for (Workload workload : Workload.values()) {
            String parameter = workload.logicalName() + "ImageDigest";
            template.hasParameter(parameter, Map.of("Type", "String", "AllowedPattern", "^sha256:[a-f0-9]{64}$"));
            assertThat(container(workload.moduleName()).get("Image").toString())
                    .contains("ecr-" + workload.moduleName() + "-local")
                    .contains("@")
                    .contains("Ref=" + parameter);
        }
    }

    @Test
    void execution_roles_pull_only_their_own_repository_and_the_collector_cache() {
        for (Workload workload : Workload.values()) {
            String executionRole = workload.logicalName() + "ServiceTaskDefinitionExecutionRole";
            List<Map<String, Object>> pulls = template.findResources("AWS::IAM::Policy").entrySet().stream()
                    .filter(e -> e.getKey().startsWith(executionRole))
                    .flatMap(e -> listOf(mapOf(mapOf(mapOf(e.getValue().get("Properties")).get("PolicyDocument"))).get("Statement")).stream())
                    .filter(statement -> statement.get("Action").toString().contains("ecr:BatchGetImage"))
                    .toList();
            assertThat(pulls).as(workload.moduleName()).hasSize(2).allSatisfy(statement ->
                    assertThat(statement.get("Resource").toString()).doesNotContain("*"));
            assertThat(pulls.toString()).as(workload.moduleName())
                    .contains(":repository/ecr-" + workload.moduleName() + "-local")
                    .contains(":repository/ecr-public-local/aws-observability/aws-otel-collector");
        }
    }

    @Test
    void every_log_group_keeps_30_days_and_is_encrypted() {
        for (Workload workload : Workload.values()) {
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "log-" + workload.moduleName() + "-local"));
        }
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30, "KmsKeyId", Match.anyValue()));
    }

    @Test
    void services_run_in_private_subnets_without_public_ip() {
        template.resourceCountIs("AWS::ECS::Service", Workload.values().length);
        template.allResourcesProperties("AWS::ECS::Service", Map.of("NetworkConfiguration", Map.of(
                "AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED",
                        "Subnets", Match.arrayWith(List.of(Map.of("Ref", Match.stringLikeRegexp("NetworkVpcprivateSubnet1.*")))))))));
    }

    @Test
    void services_spread_over_the_private_subnets_of_three_zones() {
        for (Map<String, Object> service : template.findResources("AWS::ECS::Service").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> awsvpc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) service
                    .get("Properties")).get("NetworkConfiguration")).get("AwsvpcConfiguration");
            assertThat((List<?>) awsvpc.get("Subnets")).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void services_declare_no_placement_strategies_or_constraints_which_fargate_rejects() {
        for (Map<String, Object> service : template.findResources("AWS::ECS::Service").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) service.get("Properties");
            assertThat(properties).doesNotContainKeys("PlacementStrategies", "PlacementConstraints");
        }
    }

    @Test
    void workers_run_mostly_on_spot_with_one_on_demand_task() {
        for (Workload workload : List.of(Workload.INGESTION, Workload.PROCESSING, Workload.RISK)) {
            template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "svc-" + workload.moduleName() + "-local",
                    "CapacityProviderStrategy", List.of(
                            Map.of("CapacityProvider", "FARGATE", "Base", 1, "Weight", 3),
                            Map.of("CapacityProvider", "FARGATE_SPOT", "Weight", 7))));
        }
    }

    @Test
    void http_service_runs_on_demand_only() {
        template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "svc-reporting-service-local",
                "CapacityProviderStrategy", List.of(Map.of("CapacityProvider", "FARGATE", "Weight", 1))));
    }

    @Test
    void cluster_offers_fargate_and_fargate_spot() {
        template.hasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Map.of(
                "CapacityProviders", Match.arrayWith(List.of("FARGATE", "FARGATE_SPOT"))));
    }

    @Test
    void services_use_platform_1_4_and_a_rolling_back_circuit_breaker() {
        template.allResourcesProperties("AWS::ECS::Service", Map.of(
                "PlatformVersion", "1.4.0",
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
    }

    @Test
    void http_service_gets_120_seconds_before_load_balancer_health_checks_count() {
        template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "svc-reporting-service-local",
                "HealthCheckGracePeriodSeconds", 120));
    }

    @Test
    void app_containers_run_as_user_1000_on_a_read_only_root_with_writable_tmp() {
        for (Workload workload : Workload.values()) {
            Map<String, Object> container = container(workload.moduleName());
            assertThat(container).as(workload.moduleName())
                    .containsEntry("User", "1000")
                    .containsEntry("ReadonlyRootFilesystem", true)
                    .containsEntry("MountPoints", List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")));
        }
        template.allResourcesProperties("AWS::ECS::TaskDefinition", Map.of("Volumes", List.of(Map.of("Name", "tmp"))));
    }

    @Test
    void app_containers_get_120_seconds_to_stop() {
        for (Workload workload : Workload.values()) {
            assertThat(container(workload.moduleName())).as(workload.moduleName()).containsEntry("StopTimeout", 120);
        }
    }

    @Test
    void every_service_sends_its_spans_to_the_collector_sidecar_in_its_task() {
        for (String service : List.of("ingestion-service", "processing-service", "risk-calculation", "reporting-service")) {
            assertThat(environmentOf(service).get("OTEL_EXPORTER_OTLP_ENDPOINT")).as(service)
                    .isEqualTo("http://127.0.0.1:4318");
        }
    }

    @Test
    void only_workers_may_protect_their_tasks_from_scale_in() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                        "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Action", List.of("ecs:UpdateTaskProtection", "ecs:GetTaskProtection"))))))))))));
        assertThat(policies).hasSize(3);
        assertThat(policies.keySet()).noneMatch(id -> id.startsWith("Reporting"));
    }

    @Test
    void every_container_logs_to_its_own_log_group() {
        Map<String, Map<String, Object>> taskDefinitions = template.findResources("AWS::ECS::TaskDefinition");
        List<Object> groups = new java.util.ArrayList<>();
        for (Map<String, Object> taskDefinition : taskDefinitions.values()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) taskDefinition
                    .get("Properties")).get("ContainerDefinitions");
            for (Map<String, Object> container : containers) {
                @SuppressWarnings("unchecked")
                Map<String, Object> options = (Map<String, Object>) ((Map<String, Object>) container
                        .get("LogConfiguration")).get("Options");
                groups.add(options.get("awslogs-group"));
            }
        }
        assertThat(groups).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void every_container_has_a_health_check() {
        template.allResourcesProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "otel-collector",
                        "HealthCheck", Match.objectLike(Map.of("Command", List.of("CMD", "/healthcheck")))))))));
        template.allResourcesProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("HealthCheck", Match.objectLike(Map.of("Command", Match.arrayWith(List.of(
                        "com.nightshift.common.health.HealthProbe"))))))))));
    }

    @Test
    void every_task_runs_the_collector_sidecar_from_the_accounts_cache_by_digest() {
        template.hasParameter("CollectorImageDigest", Map.of("Type", "String", "AllowedPattern", "^sha256:[a-f0-9]{64}$"));
        for (Map<String, Object> taskDefinition : template.findResources("AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> collector = listOf(mapOf(taskDefinition.get("Properties")).get("ContainerDefinitions")).stream()
                    .filter(c -> "otel-collector".equals(c.get("Name"))).findFirst().orElseThrow();
            assertThat(collector.get("Essential")).isEqualTo(false);
            assertThat(collector.get("Image").toString())
                    .contains(".dkr.ecr.us-east-1.")
                    .contains("/ecr-public-local/aws-observability/aws-otel-collector@")
                    .contains("Ref=CollectorImageDigest")
                    .doesNotContain("public.ecr.aws");
        }
    }

    @Test
    void containers_reserve_exactly_the_task_size() {
        for (Map<String, Object> taskDefinition : template.findResources("AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> props = mapOf(taskDefinition.get("Properties"));
            List<Map<String, Object>> containers = listOf(props.get("ContainerDefinitions"));
            int cpu = containers.stream().mapToInt(c -> ((Number) c.get("Cpu")).intValue()).sum();
            int memory = containers.stream().mapToInt(c -> ((Number) c.get("Memory")).intValue()).sum();
            assertThat(Integer.toString(cpu)).as(props.get("Family") + " cpu").isEqualTo(props.get("Cpu"));
            assertThat(Integer.toString(memory)).as(props.get("Family") + " memory").isEqualTo(props.get("Memory"));
        }
    }

    @Test
    void every_service_scales_between_its_configured_minimum_and_maximum() {
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", Workload.values().length);
        template.allResourcesProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "MinCapacity", 2, "MaxCapacity", 4, "ScalableDimension", "ecs:service:DesiredCount"));
    }

    @Test
    void every_service_tracks_70_percent_cpu_with_300_second_cooldowns() {
        Map<String, Map<String, Object>> tracking = template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of("Properties", Map.of("PolicyType", "TargetTrackingScaling",
                        "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
                                "TargetValue", 70,
                                "PredefinedMetricSpecification", Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
                                "ScaleInCooldown", 300, "ScaleOutCooldown", 300)))));
        assertThat(tracking).hasSize(Workload.values().length);
    }

    @Test
    void every_service_scales_in_when_cpu_stays_below_30_percent() {
        Map<String, Map<String, Object>> scaleIn = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "CPUUtilization", "Threshold", 30, "ComparisonOperator", "LessThanOrEqualToThreshold")));
        assertThat(scaleIn).hasSize(Workload.values().length);
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of("PolicyType", "StepScaling",
                "StepScalingPolicyConfiguration", Match.objectLike(Map.of("Cooldown", 300,
                        "StepAdjustments", List.of(Map.of("MetricIntervalUpperBound", 0, "ScalingAdjustment", -1))))));
    }

    @Test
    void workers_track_backlog_per_running_task_with_metric_math() {
        Object backlogPerTask = Match.objectLike(Map.of(
                "Expression", "IF(running > 0, visible / running, visible)", "ReturnData", true));
        Object visible = Match.objectLike(Map.of("Id", "visible", "MetricStat", Match.objectLike(Map.of(
                "Metric", Match.objectLike(Map.of("Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible"))))));
        Object running = Match.objectLike(Map.of("Id", "running", "MetricStat", Match.objectLike(Map.of(
                "Metric", Match.objectLike(Map.of("Namespace", "ECS/ContainerInsights", "MetricName", "RunningTaskCount"))))));
        Object configuration = Match.objectLike(Map.of(
                "TargetValue", 10,
                "ScaleOutCooldown", 300,
                "ScaleInCooldown", 300,
                "CustomizedMetricSpecification", Map.of("Metrics",
                        Match.arrayWith(List.of(backlogPerTask, visible, running)))));
        Map<String, Map<String, Object>> backlog = template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of("Properties", Match.objectLike(Map.of(
                        "PolicyType", "TargetTrackingScaling",
                        "TargetTrackingScalingPolicyConfiguration", configuration))));
        assertThat(backlog.keySet()).hasSize(3).noneMatch(id -> id.startsWith("Reporting"));
    }

    @Test
    void risk_service_scales_on_the_risk_queue_backlog_which_carries_the_shard_messages() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of("Properties", Match.objectLike(Map.of("PolicyName", "scaling-risk-calculation-backlog-local"))));
        assertThat(policies).hasSize(1);
        Map<String, Object> properties = mapOf(policies.values().iterator().next().get("Properties"));
        assertThat(properties.get("ScalingTargetId").toString()).contains(logicalIdOfScalableTarget("Risk"));
        List<Map<String, Object>> metrics = listOf(mapOf(mapOf(properties.get("TargetTrackingScalingPolicyConfiguration"))
                .get("CustomizedMetricSpecification")).get("Metrics"));
        Map<String, Object> visible = metrics.stream().filter(m -> "visible".equals(m.get("Id"))).findFirst().orElseThrow();
        assertThat(visible.toString()).contains("QueueName").contains(logicalIdOfQueue("sqs-risk-local"))
                .doesNotContain(logicalIdOfQueue("sqs-risk-dlq-local"));
    }

    @Test
    void alarm_topic_is_kms_encrypted() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "sns-alarms-local", "KmsMasterKeyId", Match.anyValue()));
    }

    @Test
    void job_topic_is_kms_encrypted() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "sns-jobs-local", "KmsMasterKeyId", Match.anyValue()));
    }

    @Test
    void every_service_is_told_the_job_topic() {
        String topic = logicalIdOf("AWS::SNS::Topic", "TopicName", "sns-jobs-local");
        for (Workload workload : Workload.values()) {
            assertThat(environmentOf(workload.moduleName())).as(workload.moduleName())
                    .containsEntry("NOTIFICATION_TOPIC_ARN", Map.of("Ref", topic));
        }
        template.hasOutput("NotificationTopicArn", Map.of("Value", Map.of("Ref", topic)));
    }

    @Test
    void every_task_role_may_publish_to_the_job_topic_and_use_its_key() {
        String topic = logicalIdOf("AWS::SNS::Topic", "TopicName", "sns-jobs-local");
        for (Workload workload : Workload.values()) {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(workload.logicalName() + "ServiceTaskDefinitionTaskRole.*"))),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Action", "sns:Publish", "Resource", Map.of("Ref", topic))),
                            Match.objectLike(Map.of("Action", Match.arrayWith(List.of("kms:GenerateDataKey*"))))))))));
        }
    }

    @Test
    void job_topic_policy_admits_the_task_roles_over_tls_only() {
        String topic = logicalIdOf("AWS::SNS::Topic", "TopicName", "sns-jobs-local");
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", topic)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "TaskRolesPublishJobNotices",
                        "Effect", "Allow",
                        "Action", "sns:Publish",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "true"))))))))));
    }

    @Test
    void only_the_reporting_service_keeps_notices_in_the_output_bucket() {
        List<String> writers = template.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.get("Properties").toString().contains("/notices/*"))
                .map(p -> mapOf(p.get("Properties")).get("Roles").toString())
                .toList();
        assertThat(writers).singleElement().asString().contains("ReportingService");
    }

    @Test
    void every_service_alarms_on_high_cpu_high_memory_and_missing_tasks() {
        for (Workload workload : Workload.values()) {
            for (String what : List.of(": CPU above 85%", ": memory above 85%", ": fewer running tasks than desired")) {
                template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                        "AlarmDescription", Match.stringLikeRegexp(workload.moduleName() + what + ".*"),
                        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*")))));
            }
        }
    }

    @Test
    void every_dead_letter_queue_alarms_when_not_empty() {
        for (String purpose : List.of("ingest", "recon", "risk", "report")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 0,
                    "ComparisonOperator", "GreaterThanThreshold",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                            List.of(logicalIdOfQueue("sqs-" + purpose + "-dlq-local"), "QueueName"))))));
        }
    }

    @Test
    void every_work_queue_alarms_on_its_oldest_message_age() {
        for (String purpose : List.of("ingest", "recon", "risk", "report")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 3600,
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                            List.of(logicalIdOfQueue("sqs-" + purpose + "-local"), "QueueName"))))));
        }
    }

    @Test
    void operations_dashboard_exists() {
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "dash-nightshift-local"));
    }

    @Test
    void reports_endpoint_listens_for_http_on_80_without_a_certificate() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing"));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Protocol", "HTTP", "Port", 80));
    }

    @Test
    void target_group_checks_health_every_30_seconds_and_fails_after_3() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/health", "HealthCheckIntervalSeconds", 30, "UnhealthyThresholdCount", 3,
                "Port", 8080, "TargetType", "ip"));
    }

    @Test
    void reporting_tasks_admit_only_the_load_balancer() {
        Map<String, Map<String, Object>> ingress = template.findResources("AWS::EC2::SecurityGroupIngress");
        assertThat(ingress.values()).singleElement().satisfies(rule -> {
            Map<String, Object> props = mapOf(rule.get("Properties"));
            assertThat(props.get("FromPort")).isEqualTo(8080);
            assertThat(props).containsKey("SourceSecurityGroupId").doesNotContainKey("CidrIp");
            assertThat(props.get("GroupId").toString()).contains("ReportingService");
        });
        Map<String, Map<String, Object>> taskGroups = template.findResources("AWS::EC2::SecurityGroup",
                Map.of("Properties", Map.of("GroupDescription", Match.stringLikeRegexp(".*tasks.*"))));
        assertThat(taskGroups).hasSize(Workload.values().length);
        assertThat(taskGroups.values()).allSatisfy(group ->
                assertThat(mapOf(group.get("Properties"))).doesNotContainKey("SecurityGroupIngress"));
    }

    @Test
    void only_processing_reads_and_writes_the_open_items_store() {
        List<String> holders = template.findResources("AWS::IAM::Policy").values().stream()
                .filter(policy -> policy.toString().contains("/open-items/*"))
                .map(policy -> mapOf(policy.get("Properties")).get("Roles").toString())
                .toList();
        assertThat(holders).singleElement().asString().contains("ProcessingService");
        String policy = template.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("/open-items/*")).findFirst().orElseThrow().toString();
        assertThat(policy).contains("s3:PutObject", "s3:DeleteObject*", "s3:GetObject*");
    }

    @Test
    void only_ingestion_reads_the_data_bucket() {
        String dataBucket = bucketId("data");
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        List<String> readers = policies.entrySet().stream()
                .filter(e -> e.getValue().toString().contains(dataBucket))
                .map(e -> mapOf(e.getValue().get("Properties")).get("Roles").toString())
                .toList();
        assertThat(readers).singleElement().asString().contains("IngestionService");
    }

    @Test
    void outputs_have_the_contract_logical_ids() {
        assertThat(section("Outputs").keySet()).containsExactlyInAnyOrder(
                "DataBucketName", "StagingBucketName", "OutputBucketName", "IngestQueueUrl", "ReconQueueUrl",
                "RiskQueueUrl", "ReportQueueUrl", "IngestDeadLetterQueueUrl", "ReconDeadLetterQueueUrl",
                "RiskDeadLetterQueueUrl", "ReportDeadLetterQueueUrl", "ClusterName", "ReportsEndpoint", "AlarmTopicArn",
                "NotificationTopicArn", "WorkloadKeyArn", "IngestionTaskRoleArn", "ProcessingTaskRoleArn", "RiskTaskRoleArn", "ReportingTaskRoleArn");
        template.hasOutput("ReportsEndpoint", Map.of("Value", Map.of("Fn::Join", List.of("",
                List.of("http://", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "DNSName")))))));
    }

    @Test
    void every_resource_carries_the_environment_tags() {
        template.allResourcesProperties("AWS::SQS::Queue", Map.of("Tags", Match.arrayWith(List.of(
                Map.of("Key", "CostCenter", "Value", "risk-technology"),
                Map.of("Key", "Environment", "Value", "local"),
                Map.of("Key", "Project", "Value", "nightshift")))));
    }

    // --- template lookups ------------------------------------------------------------------------

    static Map<String, Map<String, Object>> resources() {
        return castMap(json.get("Resources"));
    }

    private static Map<String, Map<String, Object>> section(String name) {
        Object section = json.get(name);
        return section == null ? Map.of() : castMap(section);
    }

    private static Map<String, Object> bucketName(String purpose) {
        return TestConfigs.bucketName(purpose, "local", "us-east-1");
    }

    private static String bucketId(String purpose) {
        return template.findResources("AWS::S3::Bucket", Map.of("Properties", Match.objectLike(Map.of("BucketName", bucketName(purpose)))))
                .keySet().stream().findFirst().orElseThrow(() -> new AssertionError("no bucket " + purpose));
    }

    private static String logicalIdOfScalableTarget(String servicePrefix) {
        return template.findResources("AWS::ApplicationAutoScaling::ScalableTarget").keySet().stream()
                .filter(id -> id.startsWith(servicePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no scalable target of " + servicePrefix));
    }

    private static String logicalIdOfQueue(String queueName) {
        return logicalIdOf("AWS::SQS::Queue", "QueueName", queueName);
    }

    private static String logicalIdOf(String type, String property, String value) {
        return template.findResources(type, Map.of("Properties", Map.of(property, value))).keySet().stream()
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " with " + property + " " + value));
    }

    private static Map<String, Object> container(String name) {
        for (Map<String, Object> taskDefinition : template.findResources("AWS::ECS::TaskDefinition").values()) {
            for (Map<String, Object> container : listOf(mapOf(taskDefinition.get("Properties")).get("ContainerDefinitions"))) {
                if (name.equals(container.get("Name"))) {
                    return container;
                }
            }
        }
        throw new AssertionError("no container named " + name);
    }

    private static Map<String, Object> environmentOf(String containerName) {
        return listOf(container(containerName).get("Environment")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("Name"), e -> e.get("Value"), (a, b) -> a, java.util.TreeMap::new));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOf(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    static Map<String, Map<String, Object>> castResources(Object value) {
        return castMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> castMap(Object value) {
        return (Map<String, Map<String, Object>>) value;
    }
}
