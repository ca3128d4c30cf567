package com.nightshift.infra.constructs;

import com.nightshift.infra.config.EnvironmentConfig;
import com.nightshift.infra.config.NetworkMode;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

import java.util.List;

/**
 * The VPC the workload runs in. In {@code create} mode: a new VPC over three availability zones,
 * with public subnets (load balancer, NAT) and private subnets (tasks). In {@code import} mode: an
 * existing VPC named by the stack parameters {@code VpcId}, {@code AvailabilityZones},
 * {@code PublicSubnetIds} and {@code PrivateSubnetIds} (three of each, one per zone).
 */
public final class Network extends Construct {

    /** Zones per VPC; the imported subnet lists must have exactly this many entries. */
    public static final int ZONES = 3;

    private final IVpc vpc;

    public Network(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id);
        this.vpc = config.networkMode() == NetworkMode.CREATE ? created(config) : imported();
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

    private IVpc created(EnvironmentConfig config) {
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
        CfnParameter zones = CfnParameter.Builder.create(scope(), "AvailabilityZones")
                .type("List<AWS::EC2::AvailabilityZone::Name>")
                .description("The " + ZONES + " availability zones of the subnets, in the same order")
                .build();
        CfnParameter publicSubnets = CfnParameter.Builder.create(scope(), "PublicSubnetIds")
                .type("List<AWS::EC2::Subnet::Id>")
                .description(ZONES + " public subnets, one per zone, for the load balancer")
                .build();
        CfnParameter privateSubnets = CfnParameter.Builder.create(scope(), "PrivateSubnetIds")
                .type("List<AWS::EC2::Subnet::Id>")
                .description(ZONES + " private subnets with a route to the internet, one per zone, for the tasks")
                .build();
        return Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(vpcId.getValueAsString())
                .availabilityZones(split(zones))
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
}
