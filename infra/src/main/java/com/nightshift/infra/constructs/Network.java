package com.nightshift.infra.constructs;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.NetworkMode;
import com.nightshift.infra.config.SecurityGroupMode;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnLoadBalancer;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPC the workload runs in, and the security groups in it. In {@code create} mode: a new VPC over
 * three availability zones, with public subnets (load balancer, NAT) and private subnets (tasks). In
 * {@code import} mode: an existing VPC named by the stack parameters {@code VpcId},
 * {@code PublicSubnetIds} and {@code PrivateSubnetIds} (three subnets each, one per zone). Security
 * groups ({@link #securityGroup}) are created, or, with {@link SecurityGroupMode#IMPORT}, taken from
 * stack parameters and left exactly as their owner set them.
 *
 * <p>A created VPC also gets VPC endpoints, so tasks reach the AWS services they use without the NAT
 * gateway (cheaper per GB, and the batch keeps running if the NAT path fails): interface endpoints
 * with private DNS for {@link #INTERFACE_ENDPOINTS}, admitting HTTPS from the VPC only, and an S3
 * gateway endpoint. An imported VPC's endpoints are its owner's.
 */
public final class Network extends Construct {

    /** Zones per VPC; the imported subnet lists must have exactly this many entries. */
    public static final int ZONES = 3;

    /**
     * What a task calls: image pulls (ECR API and Docker registry), the ECS agent and telemetry,
     * logs, queues, the secret, the key, traces from the collector, and STS for the task role.
     */
    public static final Map<String, InterfaceVpcEndpointAwsService> INTERFACE_ENDPOINTS = endpoints();

    private final IVpc vpc;
    private final SecurityGroupMode securityGroupMode;
    private List<String> importedPublicSubnetIds = List.of();

    public Network(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id);
        this.securityGroupMode = config.securityGroupMode();
        if (config.networkMode() == NetworkMode.CREATE) {
            Vpc created = created(config);
            addEndpoints(created);
            this.vpc = created;
        } else {
            this.vpc = imported();
        }
    }

    private static Map<String, InterfaceVpcEndpointAwsService> endpoints() {
        Map<String, InterfaceVpcEndpointAwsService> endpoints = new LinkedHashMap<>();
        endpoints.put("EcrApi", InterfaceVpcEndpointAwsService.ECR);
        endpoints.put("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER);
        endpoints.put("Ecs", InterfaceVpcEndpointAwsService.ECS);
        endpoints.put("EcsAgent", InterfaceVpcEndpointAwsService.ECS_AGENT);
        endpoints.put("EcsTelemetry", InterfaceVpcEndpointAwsService.ECS_TELEMETRY);
        endpoints.put("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        endpoints.put("Sqs", InterfaceVpcEndpointAwsService.SQS);
        endpoints.put("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
        endpoints.put("Kms", InterfaceVpcEndpointAwsService.KMS);
        endpoints.put("XRay", InterfaceVpcEndpointAwsService.XRAY);
        endpoints.put("Sts", InterfaceVpcEndpointAwsService.STS);
        return Collections.unmodifiableMap(endpoints);
    }

    private void addEndpoints(Vpc created) {
        SecurityGroup endpointSecurityGroup = SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
                .vpc(created)
                .description("VPC interface endpoints: HTTPS from inside the VPC")
                .allowAllOutbound(false)
                .build();
        endpointSecurityGroup.addIngressRule(Peer.ipv4(created.getVpcCidrBlock()), Port.tcp(443), "HTTPS from the VPC");
        SubnetSelection privateSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
        INTERFACE_ENDPOINTS.forEach((id, service) -> created.addInterfaceEndpoint(id + "Endpoint",
                InterfaceVpcEndpointOptions.builder()
                        .service(service)
                        .privateDnsEnabled(true)
                        .subnets(privateSubnets)
                        .securityGroups(List.of(endpointSecurityGroup))
                        .open(false)
                        .build()));
        created.addGatewayEndpoint("S3Endpoint", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3)
                .subnets(List.of(privateSubnets))
                .build());
    }

    /** Records all traffic of a created VPC in {@code logGroup}; an imported VPC's flow logs are its owner's. */
    public void logFlows(ILogGroup logGroup) {
        if (vpc instanceof Vpc created) {
            created.addFlowLog("FlowLog", FlowLogOptions.builder()
                    .destination(FlowLogDestination.toCloudWatchLogs(logGroup))
                    .trafficType(FlowLogTrafficType.ALL)
                    .build());
        }
    }

    private Vpc created(EnvironmentConfig config) {
        return Vpc.Builder.create(this, "Vpc")
                .vpcName("vpc-nightshift-" + config.environmentSuffix())
                .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                .maxAzs(ZONES)
                .natGateways(config.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("private")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build()))
                .build();
    }

    private IVpc imported() {
        CfnParameter vpcId = CfnParameter.Builder.create(scope(), "VpcId")
                .type("AWS::EC2::VPC::Id")
                .description("Existing VPC to run the workload in")
                .build();
        CfnParameter publicSubnets = CfnParameter.Builder.create(scope(), "PublicSubnetIds")
                .type("List<AWS::EC2::Subnet::Id>")
                .description(ZONES + " public subnets, one per zone, for the load balancer")
                .build();
        CfnParameter privateSubnets = CfnParameter.Builder.create(scope(), "PrivateSubnetIds")
                .type("List<AWS::EC2::Subnet::Id>")
                .description(ZONES + " private subnets with a route to the internet, one per zone, for the tasks")
                .build();
        // The import needs a zone per subnet, but nothing in the template uses a subnet's zone, so the
        // stack's own zone tokens stand in for them (a zones parameter would be unused, cfn-lint W2001).
        this.importedPublicSubnetIds = publicSubnets.getValueAsList();
        return Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(vpcId.getValueAsString())
                .availabilityZones(Stack.of(this).getAvailabilityZones())
                .publicSubnetIds(split(publicSubnets))
                .privateSubnetIds(split(privateSubnets))
                .build());
    }

    /** A list parameter as a list of known length, which the VPC import needs to pair subnets with zones. */
    private static List<String> split(CfnParameter list) {
        return Fn.split(",", Fn.join(",", list.getValueAsList()), ZONES);
    }

    private Construct scope() {
        // Parameters belong to the stack so their logical ids are the plain names above.
        return Stack.of(this);
    }

    public IVpc vpc() {
        return vpc;
    }

    /**
     * Puts {@code loadBalancer} in the public subnets. For an imported network that is the
     * {@code PublicSubnetIds} parameter itself, not three elements picked out of it: CDK's template
     * validation cannot tell such picks apart and reports them as duplicate subnets (W9007).
     */
    public void placeInPublicSubnets(CfnLoadBalancer loadBalancer) {
        if (!importedPublicSubnetIds.isEmpty()) {
            loadBalancer.setSubnets(importedPublicSubnetIds);
        }
    }

    /**
     * The security group of {@code scope}: created in it (as child {@code SecurityGroup}), or, when
     * security groups are imported, the group the stack parameter {@code parameterName} names, used as
     * is (CDK adds no rules to it).
     */
    public ISecurityGroup securityGroup(Construct scope, String parameterName, String description, boolean allowAllOutbound) {
        if (securityGroupMode == SecurityGroupMode.IMPORT) {
            CfnParameter id = CfnParameter.Builder.create(scope(), parameterName)
                    .type("AWS::EC2::SecurityGroup::Id")
                    .description("Existing security group for: " + description)
                    .build();
            return SecurityGroup.fromSecurityGroupId(scope, "SecurityGroup", id.getValueAsString(),
                    SecurityGroupImportOptions.builder().mutable(false).allowAllOutbound(allowAllOutbound).build());
        }
        return SecurityGroup.Builder.create(scope, "SecurityGroup")
                .vpc(vpc)
                .description(description)
                .allowAllOutbound(allowAllOutbound)
                .build();
    }
}
