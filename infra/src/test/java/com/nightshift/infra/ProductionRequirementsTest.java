package com.nightshift.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.infra.config.Workload;
import com.nightshift.infra.constructs.NightlyRiskSchedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production requirements, one test each, on the shipped dev configuration (created network,
 * buckets and secret; blue/green reports endpoint) unless the test says otherwise.
 */
class ProductionRequirementsTest {

    private static Template dev;
    private static Template local;

    @BeforeAll
    static void synthesize() {
        dev = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("dev")).workload());
        local = Template.fromStack(TestConfigs.stacks(TestConfigs.shipped("local")).workload());
    }

    // --- 1. Defaults and sizing ------------------------------------------------------------------

    @Test
    void dev_task_sizes_are_1_vcpu_2_gb_except_risk_2_vcpu_4_gb() {
        Map<String, List<String>> sizes = Map.of(
                "ingestion-service", List.of("1024", "2048"), "processing-service", List.of("1024", "2048"),
                "risk-calculation", List.of("2048", "4096"), "reporting-service", List.of("1024", "2048"));
        sizes.forEach((service, cpuAndMemory) -> dev.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "task-" + service + "-dev", "Cpu", cpuAndMemory.get(0), "Memory", cpuAndMemory.get(1))));
    }

    @Test
    void dev_services_run_2_tasks_and_scale_between_2_and_10() {
        dev.allResourcesProperties("AWS::ECS::Service", Map.of("DesiredCount", 2));
        dev.allResourcesProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 2, "MaxCapacity", 10));
    }

    @Test
    void dev_containers_reserve_exactly_the_task_size() {
        for (Map<String, Object> taskDefinition : dev.findResources("AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> props = WorkloadStackTest.mapOf(taskDefinition.get("Properties"));
            List<Map<String, Object>> containers = WorkloadStackTest.listOf(props.get("ContainerDefinitions"));
            int cpu = containers.stream().mapToInt(c -> ((Number) c.get("Cpu")).intValue()).sum();
            int memory = containers.stream().mapToInt(c -> ((Number) c.get("Memory")).intValue()).sum();
            assertThat(List.of(Integer.toString(cpu), Integer.toString(memory))).as(String.valueOf(props.get("Family")))
                    .isEqualTo(List.of(props.get("Cpu"), props.get("Memory")));
        }
    }

    // --- 2. Names --------------------------------------------------------------------------------

    @Test
    void every_alarm_is_named_alarm_purpose_suffix() {
        dev.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", Match.stringLikeRegexp("alarm-[a-z0-9-]+-dev")));
        for (String name : List.of("alarm-risk-calculation-cpu-high-dev", "alarm-recon-dlq-not-empty-dev",
                "alarm-task-failure-rate-dev", "alarm-reports-target-5xx-dev")) {
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", name));
        }
    }

    @Test
    void every_named_resource_is_named_type_purpose_suffix() {
        Map<String, String> nameProperty = Map.ofEntries(
                Map.entry("AWS::S3::Bucket", "BucketName"), Map.entry("AWS::SQS::Queue", "QueueName"),
                Map.entry("AWS::SNS::Topic", "TopicName"), Map.entry("AWS::ECS::Cluster", "ClusterName"),
                Map.entry("AWS::ECS::Service", "ServiceName"), Map.entry("AWS::ECS::TaskDefinition", "Family"),
                Map.entry("AWS::CloudWatch::Dashboard", "DashboardName"), Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
                Map.entry("AWS::Logs::MetricFilter", "FilterName"), Map.entry("AWS::Logs::ResourcePolicy", "PolicyName"),
                Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name"),
                Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup", "Name"), Map.entry("AWS::Events::Rule", "Name"),
                Map.entry("AWS::Scheduler::Schedule", "Name"), Map.entry("AWS::SecretsManager::Secret", "Name"),
                Map.entry("AWS::KMS::Alias", "AliasName"));
        // Bucket names are global, so they end in the account and region as well.
        Pattern convention = Pattern.compile("(alias/)?[a-z0-9]+-[a-z0-9-]+-dev|s3-[a-z]+-dev-<account>-us-east-1");
        Map<String, Map<String, Object>> resources = WorkloadStackTest.castResources(dev.toJSON().get("Resources"));
        List<String> names = resources.values().stream()
                .filter(r -> nameProperty.containsKey((String) r.get("Type")))
                .map(r -> WorkloadStackTest.mapOf(r.get("Properties")).get(nameProperty.get((String) r.get("Type"))))
                .map(ProductionRequirementsTest::rendered)
                .toList();
        assertThat(names).hasSizeGreaterThan(40).allMatch(n -> convention.matcher(n).matches());
    }

    /** A name as a string; the one token a name may hold, the deploying account, as {@code <account>}. */
    private static String rendered(Object name) {
        if (name instanceof Map<?, ?> join && join.get("Fn::Join") instanceof List<?> parts) {
            return ((List<?>) parts.get(1)).stream()
                    .map(part -> part.equals(Map.of("Ref", "AWS::AccountId")) ? "<account>" : String.valueOf(part))
                    .collect(java.util.stream.Collectors.joining());
        }
        return String.valueOf(name);
    }

    // --- 3. VPC endpoints ------------------------------------------------------------------------

    @Test
    void created_vpc_has_an_interface_endpoint_with_private_dns_for_every_aws_service_tasks_call() {
        for (String service : List.of("ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "logs", "sqs",
                "secretsmanager", "kms", "xray", "sts")) {
            dev.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                    "ServiceName", "com.amazonaws.us-east-1." + service,
                    "VpcEndpointType", "Interface",
                    "PrivateDnsEnabled", true,
                    "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NetworkEndpointSecurityGroup.*"), "GroupId")))));
        }
    }

    @Test
    void endpoint_security_group_admits_https_from_the_vpc_only() {
        dev.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("VPC interface endpoints.*"),
                "SecurityGroupIngress", List.of(Match.objectLike(Map.of("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                        "CidrIp", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NetworkVpc.*"), "CidrBlock")))))));
    }

    @Test
    void created_vpc_has_an_s3_gateway_endpoint_on_the_private_route_tables() {
        dev.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "VpcEndpointType", "Gateway",
                "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".s3"))),
                "RouteTableIds", Match.arrayWith(List.of(Map.of("Ref", Match.stringLikeRegexp("NetworkVpcprivateSubnet1RouteTable.*"))))));
    }

    // --- 4. Blue/green for the HTTP service ------------------------------------------------------

    @Test
    void blue_green_reporting_shifts_10_percent_a_minute_then_bakes_10_minutes_without_codedeploy() {
        dev.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "svc-reporting-service-dev",
                "DeploymentController", Map.of("Type", "ECS"),
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "Strategy", "LINEAR",
                        "LinearConfiguration", Map.of("StepPercent", 10, "StepBakeTimeInMinutes", 1),
                        "BakeTimeInMinutes", 10))));
        assertThat(dev.findResources("AWS::CodeDeploy::DeploymentGroup")).isEmpty();
    }

    @Test
    void blue_green_reporting_has_a_green_target_group_and_a_production_listener_rule() {
        dev.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "svc-reporting-service-dev",
                "LoadBalancers", List.of(Match.objectLike(Map.of(
                        "ContainerName", "reporting-service",
                        "TargetGroupArn", Map.of("Ref", Match.stringLikeRegexp("ReportsBlue.*")),
                        "AdvancedConfiguration", Match.objectLike(Map.of(
                                "AlternateTargetGroupArn", Map.of("Ref", Match.stringLikeRegexp("ReportsGreen.*")),
                                "ProductionListenerRule", Map.of("Ref", Match.stringLikeRegexp("ReportsProductionRule.*")),
                                "RoleArn", Match.anyValue())))))));
        dev.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Actions", List.of(Match.objectLike(Map.of("Type", "forward", "ForwardConfig", Match.objectLike(Map.of(
                        "TargetGroups", List.of(
                                Map.of("TargetGroupArn", Map.of("Ref", Match.stringLikeRegexp("ReportsBlue.*")), "Weight", 100),
                                Map.of("TargetGroupArn", Map.of("Ref", Match.stringLikeRegexp("ReportsGreen.*")), "Weight", 0)))))))));
    }

    @Test
    void blue_green_reporting_rolls_back_when_the_endpoint_alarms_fire_during_a_deployment() {
        dev.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "svc-reporting-service-dev",
                "DeploymentConfiguration", Match.objectLike(Map.of("Alarms", Map.of(
                        "AlarmNames", List.of("alarm-reports-unhealthy-hosts-dev", "alarm-reports-target-5xx-dev"),
                        "Enable", true, "Rollback", true)))));
    }

    @Test
    void rolling_reporting_keeps_the_rolling_back_circuit_breaker_and_one_target_group() {
        local.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "svc-reporting-service-local",
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                        "Strategy", Match.absent()))));
        local.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        local.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 0);
    }

    // --- 5. Nightly risk schedule ----------------------------------------------------------------

    @Test
    void risk_run_is_scheduled_weekdays_0200_new_york_with_the_exact_job_message() {
        dev.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "schedule-risk-nightly-dev",
                "ScheduleExpression", "cron(0 2 ? * MON-FRI *)",
                "ScheduleExpressionTimezone", "America/New_York",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("RiskQueue.*"), "Arn")),
                        "Input", "{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}"))));
        assertThat(NightlyRiskSchedule.MESSAGE).isEqualTo("{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}");
    }

    @Test
    void scheduler_role_may_only_send_to_the_risk_queue_and_use_the_key() {
        dev.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow", "Action", "sqs:SendMessage",
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("RiskQueue.*"), "Arn"))),
                        Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WorkloadKey.*"), "Arn"))))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("NightlyRiskRole.*")))));
    }

    @Test
    void risk_schedule_cron_and_timezone_come_from_the_configuration() {
        var config = TestConfigs.variant("dev", root -> root.putObject("riskSchedule")
                .put("cron", "cron(30 1 ? * TUE-SAT *)").put("timezone", "Europe/London"));
        Template.fromStack(TestConfigs.stacks(config).workload()).hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(30 1 ? * TUE-SAT *)", "ScheduleExpressionTimezone", "Europe/London"));
    }

    // --- 6. Alarms -------------------------------------------------------------------------------

    @Test
    void stopped_task_events_of_this_cluster_go_to_a_log_group_eventbridge_may_write() {
        dev.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Name", "rule-task-stopped-dev",
                "EventPattern", Map.of("source", List.of("aws.ecs"), "detail-type", List.of("ECS Task State Change"),
                        "detail", Map.of("clusterArn", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Cluster.*"), "Arn"))),
                                "lastStatus", List.of("STOPPED"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(":log-group:", Map.of("Ref", Match.stringLikeRegexp("TaskFailuresEvents.*")))))))))))));
        dev.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/aws/events/log-ecs-task-state-dev"));
        dev.hasResourceProperties("AWS::Logs::ResourcePolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        Match.stringLikeRegexp(".*logs:PutLogEvents.*events\\.amazonaws\\.com.*")))))))));
    }

    @Test
    void metric_filters_count_stopped_and_failed_tasks() {
        dev.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "FilterName", "filter-tasks-stopped-dev",
                "FilterPattern", "{ $.detail.lastStatus = \"STOPPED\" }",
                "MetricTransformations", List.of(Match.objectLike(Map.of("MetricName", "TasksStopped", "MetricNamespace", "Nightshift/dev")))));
        dev.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "FilterName", "filter-tasks-failed-dev",
                "FilterPattern", Match.stringLikeRegexp(".*TaskFailedToStart.*EssentialContainerExited.*exitCode != 0.*"),
                "MetricTransformations", List.of(Match.objectLike(Map.of("MetricName", "TasksFailed", "MetricNamespace", "Nightshift/dev")))));
    }

    @Test
    void task_failure_rate_alarms_above_5_percent_of_stopped_tasks_over_10_minutes() {
        dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "alarm-task-failure-rate-dev",
                "Threshold", 5,
                "ComparisonOperator", "GreaterThanThreshold",
                "EvaluationPeriods", 1,
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Expression", "IF(stopped > 0, 100 * failed / stopped, 0)")),
                        Match.objectLike(Map.of("Id", "failed", "MetricStat", Match.objectLike(Map.of(
                                "Period", 600, "Stat", "Sum",
                                "Metric", Match.objectLike(Map.of("MetricName", "TasksFailed"))))))))));
    }

    @Test
    void every_service_alarms_when_held_at_its_maximum_task_count_for_30_minutes() {
        for (Workload workload : Workload.values()) {
            dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", "alarm-" + workload.moduleName() + "-at-max-tasks-dev",
                    "Namespace", "ECS/ContainerInsights", "MetricName", "DesiredTaskCount", "Statistic", "Minimum",
                    "Threshold", 10, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Period", 300, "EvaluationPeriods", 6, "DatapointsToAlarm", 6));
        }
    }

    @Test
    void every_runbook_alarm_exists() {
        List<String> expected = new java.util.ArrayList<>(List.of("alarm-task-failure-rate-dev",
                "alarm-reports-unhealthy-hosts-dev", "alarm-reports-target-5xx-dev", "alarm-reports-response-time-dev"));
        for (Workload workload : Workload.values()) {
            for (String condition : List.of("cpu-high", "memory-high", "tasks-below-desired", "at-max-tasks")) {
                expected.add("alarm-" + workload.moduleName() + "-" + condition + "-dev");
            }
        }
        for (String queue : List.of("ingest", "recon", "risk", "report")) {
            expected.add("alarm-" + queue + "-dlq-not-empty-dev");
            expected.add("alarm-" + queue + "-oldest-message-age-dev");
        }
        List<Object> names = dev.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(r -> WorkloadStackTest.mapOf(r.get("Properties")).get("AlarmName")).toList();
        assertThat(names).containsAll(expected);
    }

    @Test
    void reports_endpoint_alarms_on_unhealthy_hosts_in_either_target_group() {
        dev.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "alarm-reports-unhealthy-hosts-dev",
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "FILL(tg0, 0) + FILL(tg1, 0)"))))));
    }

    // --- 7. Buckets ------------------------------------------------------------------------------

    @Test
    void created_buckets_expire_staged_and_rejects_after_30_days_and_old_report_versions_after_90() {
        dev.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", TestConfigs.bucketName("staging", "dev", "us-east-1"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Prefix", "staged/", "ExpirationInDays", 30, "Status", "Enabled")),
                        Match.objectLike(Map.of("Prefix", "rejects/", "ExpirationInDays", 30, "Status", "Enabled")))))));
        dev.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", TestConfigs.bucketName("output", "dev", "us-east-1"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90))))))));
        dev.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", TestConfigs.bucketName("accesslogs", "dev", "us-east-1"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("ExpirationInDays", 90)))))));
    }

    @Test
    void every_created_bucket_has_lifecycle_rules() {
        dev.allResourcesProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                Match.objectLike(Map.of("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7))))))));
    }

    @Test
    void imported_buckets_come_from_parameters_and_only_the_log_bucket_is_created() {
        var config = TestConfigs.variant("dev", root -> ((ObjectNode) root.get("buckets")).put("mode", "import"));
        Template imported = Template.fromStack(TestConfigs.stacks(config).workload());
        for (String purpose : List.of("Data", "Staging", "Output")) {
            imported.hasParameter("Existing" + purpose + "BucketName", Map.of("Type", "String"));
            imported.hasOutput(purpose + "BucketName", Map.of("Value", Map.of("Ref", "Existing" + purpose + "BucketName")));
        }
        imported.resourceCountIs("AWS::S3::Bucket", 1);
        imported.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", TestConfigs.bucketName("accesslogs", "dev", "us-east-1")));
    }
}
