package com.nightshift.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.infra.config.EnvironmentConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both network modes deploy to the local emulator: the local configuration synthesized in-process
 * once with a created VPC and once with an imported one (a VPC and subnets made first through the EC2
 * API), each created through the CloudFormation API on a fresh moto_server, each reaching
 * CREATE_COMPLETE with every contract output; and a third with the blue/green reports endpoint.
 * Each gets its own environment suffix because they share one emulator and resource names end with it.
 */
class WorkloadDeploymentIT {

    private static final List<String> CONTRACT_OUTPUTS = List.of("DataBucketName", "StagingBucketName", "OutputBucketName",
            "IngestQueueUrl", "ReconQueueUrl", "RiskQueueUrl", "ReportQueueUrl", "IngestDeadLetterQueueUrl",
            "ReconDeadLetterQueueUrl", "RiskDeadLetterQueueUrl", "ReportDeadLetterQueueUrl", "ClusterName",
            "ReportsEndpoint", "AlarmTopicArn");
    /** moto's CloudFormation reads the secret ARN as a string only (it does not model the secret's use). */
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:secret-app-it-Ab12Cd";
    private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

    private static MotoServer moto;
    private static AwsClients clients;
    private static Path templates;

    @BeforeAll
    static void synthesizeAndStartEmulator() throws IOException {
        templates = Files.createDirectories(Path.of("target", "it-cdk.out"));
        App app = NightshiftApp.newApp(AppProps.builder().outdir(templates.toString()));
        NightshiftApp.addStacks(app, config("it-create", root -> { }));
        NightshiftApp.addStacks(app, config("it-import", root -> ((ObjectNode) root.get("network"))
                .put("mode", "import").remove("natGateways")));
        NightshiftApp.addStacks(app, config("it-bluegreen", root -> root.put("reportingDeployment", "blue-green")));
        app.synth();
        moto = MotoServer.start(Path.of("target", "moto", "workload-deployment-it.log"));
        clients = new AwsClients(AwsEndpoint.emulator(moto.endpoint(), Region.US_EAST_1));
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void created_network_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        Map<String, String> outputs = deploy("it-create", List.of(parameter("AppSecretArn", SECRET_ARN)));

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs).containsEntry("DataBucketName", "s3-data-it-create").containsEntry("ClusterName", "ecs-nightshift-it-create");
    }

    @Test
    void imported_network_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        List<String> publicSubnets = new ArrayList<>();
        List<String> privateSubnets = new ArrayList<>();
        String vpcId;
        try (Ec2Client ec2 = clients.configure(Ec2Client.builder()).build()) {
            vpcId = ec2.createVpc(b -> b.cidrBlock("10.60.0.0/16")).vpc().vpcId();
            for (int zone = 0; zone < ZONES.size(); zone++) {
                int z = zone;
                publicSubnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).availabilityZone(ZONES.get(z))
                        .cidrBlock("10.60." + z + ".0/24")).subnet().subnetId());
                privateSubnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).availabilityZone(ZONES.get(z))
                        .cidrBlock("10.60." + (16 * (z + 1)) + ".0/20")).subnet().subnetId());
            }
        }

        Map<String, String> outputs = deploy("it-import", List.of(
                parameter("AppSecretArn", SECRET_ARN),
                parameter("VpcId", vpcId),
                parameter("AvailabilityZones", String.join(",", ZONES)),
                parameter("PublicSubnetIds", String.join(",", publicSubnets)),
                parameter("PrivateSubnetIds", String.join(",", privateSubnets))));

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs).containsEntry("DataBucketName", "s3-data-it-import").containsEntry("ClusterName", "ecs-nightshift-it-import");
    }

    @Test
    void blue_green_reports_endpoint_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        Map<String, String> outputs = deploy("it-bluegreen", List.of(parameter("AppSecretArn", SECRET_ARN)));

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs.get("ReportsEndpoint")).startsWith("http://alb-reports-it-bluegreen");
    }

    private static EnvironmentConfig config(String suffix, java.util.function.Consumer<ObjectNode> edit) {
        return TestConfigs.variant("local", root -> {
            root.put("environmentSuffix", suffix);
            edit.accept(root);
        });
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    /** Creates the stack from its synthesized template, waits for it, and returns its outputs. */
    private static Map<String, String> deploy(String suffix, List<Parameter> parameters) throws IOException {
        String stackName = "nightshift-workload-" + suffix;
        String body = Files.readString(templates.resolve(stackName + ".template.json"));
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
            cloudFormation.createStack(b -> b.stackName(stackName).templateBody(body).parameters(parameters)
                    .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().getFirst();
            while (stack.stackStatus().toString().endsWith("IN_PROGRESS") && Instant.now().isBefore(deadline)) {
                MotoServer.sleep(Duration.ofMillis(300));
                stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().getFirst();
            }
            String failures = cloudFormation.describeStackEvents(b -> b.stackName(stackName)).stackEvents().stream()
                    .filter(e -> e.resourceStatusReason() != null && e.resourceStatusAsString().contains("FAILED"))
                    .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason())
                    .collect(Collectors.joining("; "));
            assertThat(stack.stackStatus()).as(stackName + " " + failures).isEqualTo(StackStatus.CREATE_COMPLETE);
            return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        }
    }
}
