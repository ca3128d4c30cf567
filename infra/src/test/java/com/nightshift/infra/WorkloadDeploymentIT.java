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

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The workload templates deploy to the local emulator: the local configuration synthesized in-process
 * once with a created VPC, once with an imported one (a VPC and subnets made first through the EC2
 * API) and once with the blue/green reports endpoint, plus the shipped fully imported example
 * ({@code config/example-imported.json}: network, security groups, secret and buckets imported), each
 * created through the CloudFormation API on a fresh moto_server and reaching CREATE_COMPLETE with every
 * contract output. Each has its own environment suffix because they share one emulator and resource
 * names end with it.
 */
class WorkloadDeploymentIT {

    private static final List<String> CONTRACT_OUTPUTS = List.of("DataBucketName", "StagingBucketName", "OutputBucketName",
            "IngestQueueUrl", "ReconQueueUrl", "RiskQueueUrl", "ReportQueueUrl", "IngestDeadLetterQueueUrl",
            "ReconDeadLetterQueueUrl", "RiskDeadLetterQueueUrl", "ReportDeadLetterQueueUrl", "ClusterName",
            "ReportsEndpoint", "AlarmTopicArn", "NotificationTopicArn", "IngestionTaskRoleArn", "ProcessingTaskRoleArn", "RiskTaskRoleArn",
            "ReportingTaskRoleArn");
    /** moto's account. */
    private static final String ACCOUNT = "123456789012";
    /** moto's CloudFormation reads the secret ARN as a string only (it does not model the secret's use). */
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:secret-app-it-Ab12Cd";
    private static final List<String> US_EAST_1_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

    private static MotoServer moto;
    private static AwsClients clients;
    private static Path templates;

    @BeforeAll
    static void synthesizeAndStartEmulator() throws IOException, InterruptedException {
        moto = MotoServer.start(Path.of("target", "moto", "workload-deployment-it.log"));
        clients = new AwsClients(AwsEndpoint.emulator(moto.endpoint(), Region.US_EAST_1));
        String certificate = requestCertificate("reports.nightshift.example.com", "us-east-2");
        templates = Files.createDirectories(Path.of("target", "it-cdk.out"));
        App app = NightshiftApp.newApp(AppProps.builder().outdir(templates.toString()));
        NightshiftApp.addStacks(app, config("it-create", root -> { }));
        NightshiftApp.addStacks(app, config("it-import", root -> ((ObjectNode) root.get("network"))
                .put("mode", "import").remove("natGateways")));
        NightshiftApp.addStacks(app, config("it-bluegreen", root -> root.put("reportingDeployment", "blue-green")));
        // As shipped, but within what moto's CloudFormation can create (EmulatorLimits: an untagged key, no alarm widget).
        // The load balancer's certificate must exist in the emulator's ACM, which issues its own ARNs.
        NightshiftApp.addStacks(app, TestConfigs.variant("example-imported", root -> root
                .put("localEmulator", true).put("certificateArn", certificate)));
        app.synth();
    }

    /**
     * A certificate from the emulator's ACM, requested over ACM's JSON protocol directly: the SDK's ACM
     * module is not among the dependencies this build can resolve, and moto does not check signatures.
     */
    private static String requestCertificate(String domain, String region) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(moto.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CertificateManager.RequestCertificate")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261130/" + region + "/acm/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"DomainName\":\"" + domain + "\"}"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new ObjectMapper().readTree(response.body()).get("CertificateArn").asText();
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void created_network_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        Map<String, String> outputs = deploy(clients, "it-create", List.of(parameter("AppSecretArn", SECRET_ARN)));

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs).containsEntry("DataBucketName", "s3-data-it-create-" + ACCOUNT + "-us-east-1")
                .containsEntry("ClusterName", "ecs-nightshift-it-create");
    }

    @Test
    void imported_network_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        ExistingNetwork network = ExistingNetwork.create(clients, "10.60", US_EAST_1_ZONES);

        Map<String, String> outputs = deploy(clients, "it-import", List.of(
                parameter("AppSecretArn", SECRET_ARN),
                parameter("VpcId", network.vpcId()),
                parameter("PublicSubnetIds", String.join(",", network.publicSubnets())),
                parameter("PrivateSubnetIds", String.join(",", network.privateSubnets()))));

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs).containsEntry("DataBucketName", "s3-data-it-import-" + ACCOUNT + "-us-east-1")
                .containsEntry("ClusterName", "ecs-nightshift-it-import");
    }

    @Test
    void fully_imported_example_reaches_create_complete_with_the_contract_outputs() throws IOException {
        // The example lives in us-east-2, so its network is made there and the stack is created there.
        AwsClients usEast2 = new AwsClients(AwsEndpoint.emulator(moto.endpoint(), Region.US_EAST_2));
        ExistingNetwork network = ExistingNetwork.create(usEast2, "10.70", List.of("us-east-2a", "us-east-2b", "us-east-2c"));
        List<Parameter> parameters = new ArrayList<>(List.of(
                parameter("AppSecretArn", "arn:aws:secretsmanager:us-east-2:" + ACCOUNT + ":secret:secret-app-imported-Ab12Cd"),
                parameter("VpcId", network.vpcId()),
                parameter("PublicSubnetIds", String.join(",", network.publicSubnets())),
                parameter("PrivateSubnetIds", String.join(",", network.privateSubnets())),
                parameter("ExistingDataBucketName", "bank-nightshift-inbound"),
                parameter("ExistingStagingBucketName", "bank-nightshift-staging"),
                parameter("ExistingOutputBucketName", "bank-nightshift-reports")));
        for (String group : List.of("LoadBalancer", "Ingestion", "Processing", "Risk", "Reporting")) {
            parameters.add(parameter(group + "SecurityGroupId", network.securityGroup(usEast2, group)));
        }

        Map<String, String> outputs = deploy(usEast2, "imported", parameters);

        assertThat(outputs).containsKeys(CONTRACT_OUTPUTS.toArray(String[]::new));
        assertThat(outputs).containsEntry("DataBucketName", "bank-nightshift-inbound")
                .containsEntry("OutputBucketName", "bank-nightshift-reports")
                .containsEntry("ClusterName", "ecs-nightshift-imported");
        assertThat(outputs.get("ReportsEndpoint")).startsWith("https://");
    }

    @Test
    void blue_green_reports_endpoint_stack_reaches_create_complete_with_the_contract_outputs() throws IOException {
        Map<String, String> outputs = deploy(clients, "it-bluegreen", List.of(parameter("AppSecretArn", SECRET_ARN)));

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
    private static Map<String, String> deploy(AwsClients region, String suffix, List<Parameter> parameters) throws IOException {
        String stackName = "nightshift-workload-" + suffix;
        String body = Files.readString(templates.resolve(stackName + ".template.json"));
        try (CloudFormationClient cloudFormation = region.configure(CloudFormationClient.builder()).build()) {
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

    /** A VPC with a public and a private subnet in each of three zones, made through the EC2 API as its owner would. */
    private record ExistingNetwork(String vpcId, List<String> publicSubnets, List<String> privateSubnets) {

        static ExistingNetwork create(AwsClients region, String cidrPrefix, List<String> zones) {
            List<String> publicSubnets = new ArrayList<>();
            List<String> privateSubnets = new ArrayList<>();
            try (Ec2Client ec2 = region.configure(Ec2Client.builder()).build()) {
                String vpcId = ec2.createVpc(b -> b.cidrBlock(cidrPrefix + ".0.0/16")).vpc().vpcId();
                for (int zone = 0; zone < zones.size(); zone++) {
                    int z = zone;
                    publicSubnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).availabilityZone(zones.get(z))
                            .cidrBlock(cidrPrefix + "." + z + ".0/24")).subnet().subnetId());
                    privateSubnets.add(ec2.createSubnet(b -> b.vpcId(vpcId).availabilityZone(zones.get(z))
                            .cidrBlock(cidrPrefix + "." + (16 * (z + 1)) + ".0/20")).subnet().subnetId());
                }
                return new ExistingNetwork(vpcId, publicSubnets, privateSubnets);
            }
        }

        /** A security group in this VPC, as the network team would hand one over. */
        String securityGroup(AwsClients region, String purpose) {
            try (Ec2Client ec2 = region.configure(Ec2Client.builder()).build()) {
                return ec2.createSecurityGroup(b -> b.vpcId(vpcId).groupName("sg-" + purpose.toLowerCase() + "-imported")
                        .description("Nightshift " + purpose)).groupId();
            }
        }
    }
}
