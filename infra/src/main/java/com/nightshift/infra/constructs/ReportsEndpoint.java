package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public HTTP(S) entry to reporting-service: an internet-facing Application Load Balancer in the
 * public subnets. Without a certificate it listens for HTTP on 80; with one it serves HTTPS on 443
 * and redirects 80 to it. The tasks admit traffic from the load balancer's security group only.
 */
public final class ReportsEndpoint extends Construct {

    private final ApplicationLoadBalancer loadBalancer;
    private final String url;

    public ReportsEndpoint(Construct scope, String id, String environmentSuffix, IVpc vpc,
                           NightshiftService reporting, Optional<String> certificateArn, IBucket accessLogs) {
        super(scope, id);
        SecurityGroup albSecurityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(vpc)
                .description("Reports load balancer: HTTP(S) from anywhere")
                .allowAllOutbound(false)
                .build();
        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .loadBalancerName("alb-reports-" + environmentSuffix)
                .vpc(vpc)
                .internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .securityGroup(albSecurityGroup)
                .dropInvalidHeaderFields(true)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb/reports");
        Suppressions.suppress(albSecurityGroup, "AwsSolutions-EC23",
                "The reports endpoint is public by design: compliance and risk users reach it over the internet; "
                        + "only the listener ports are open.");

        ApplicationListener listener;
        if (certificateArn.isPresent()) {
            albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from anywhere");
            albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from anywhere, redirected to HTTPS");
            listener = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTPS)
                    .port(443)
                    .open(false)
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .certificates(List.of(ListenerCertificate.fromArn(certificateArn.get())))
                    .build());
            loadBalancer.addRedirect();
            url = "https://";
        } else {
            albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from anywhere");
            listener = loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTP)
                    .port(80)
                    .open(false)
                    .build());
            url = "http://";
        }
        // Registers the service and opens the task security group to the load balancer on the container port.
        listener.addTargets("Reporting", AddApplicationTargetsProps.builder()
                .targetGroupName("tg-reports-" + environmentSuffix)
                .protocol(ApplicationProtocol.HTTP)
                .port(NightshiftService.CONTAINER_PORT)
                .targets(List.of(reporting.service()))
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(HealthCheck.builder()
                        .path("/health")
                        .protocol(Protocol.HTTP)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(30))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .build());
        // CDK makes the service wait for the listener and its target group; the target group wait is
        // also implied by the service's reference to it, which cfn-lint reports as redundant (W3005).
        ((CfnResource) reporting.service().getNode().getDefaultChild())
                .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** {@code http://<dns>} or {@code https://<dns>}. */
    public String url() {
        return url + loadBalancer.getLoadBalancerDnsName();
    }
}
