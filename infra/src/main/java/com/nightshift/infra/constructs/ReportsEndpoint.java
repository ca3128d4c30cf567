package com.nightshift.infra.constructs;

import com.nightshift.infra.compliance.Suppressions;
import com.nightshift.infra.config.ReportingDeployment;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.AlternateTarget;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.ecs.AlternateTargetProps;
import software.amazon.awscdk.services.ecs.ListenerRuleConfiguration;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public HTTPS entry to reporting-service: an internet-facing Application Load Balancer in the
 * public subnets that serves HTTPS on 443 with the environment's certificate and redirects 80 to it.
 * Only the local emulator environment goes without a certificate (the configuration refuses it
 * elsewhere, since callers send bearer tokens); there it listens for plain HTTP on 80. The tasks admit traffic from the load balancer's security group only.
 * With {@link ReportingDeployment#ROLLING} the service sits in one target group; with
 * {@link ReportingDeployment#BLUE_GREEN}, in a blue and a green target group behind a production
 * listener rule whose weights ECS shifts during a deployment. {@link #alarms} adds the endpoint's alarms.
 */
public final class ReportsEndpoint extends Construct {

    public static final int TARGET_5XX_PER_5_MINUTES = 5;
    public static final int RESPONSE_TIME_P95_SECONDS = 2;

    private final ApplicationLoadBalancer loadBalancer;
    private final String url;
    private final List<ApplicationTargetGroup> targetGroups;
    private final NightshiftService reporting;
    private final ReportingDeployment deployment;

    public ReportsEndpoint(Construct scope, String id, String environmentSuffix, Network network,
                           NightshiftService reporting, Optional<String> certificateArn, IBucket accessLogs,
                           ReportingDeployment deployment) {
        super(scope, id);
        this.reporting = reporting;
        this.deployment = deployment;
        IVpc vpc = network.vpc();
        ISecurityGroup albSecurityGroup = network.securityGroup(this, "LoadBalancerSecurityGroupId",
                "Reports load balancer: HTTP(S) from anywhere", false);
        this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .loadBalancerName("alb-reports-" + environmentSuffix)
                .vpc(vpc)
                .internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .securityGroup(albSecurityGroup)
                .dropInvalidHeaderFields(true)
                .build();
        network.placeInPublicSubnets((CfnLoadBalancer) loadBalancer.getNode().getDefaultChild());
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
        if (deployment == ReportingDeployment.BLUE_GREEN) {
            targetGroups = blueGreen(environmentSuffix, vpc, listener, reporting);
        } else {
            // Registers the service and opens the task security group to the load balancer on the container port.
            targetGroups = List.of(listener.addTargets("Reporting", AddApplicationTargetsProps.builder()
                    .targetGroupName("tg-reports-" + environmentSuffix)
                    .protocol(ApplicationProtocol.HTTP)
                    .port(NightshiftService.CONTAINER_PORT)
                    .targets(List.of(reporting.service()))
                    .deregistrationDelay(Duration.seconds(30))
                    .healthCheck(healthCheck())
                    .build()));
        }
        // CDK makes the service wait for the listener and its target group; the target group wait is
        // also implied by the service's reference to it, which cfn-lint reports as redundant (W3005).
        ((CfnResource) reporting.service().getNode().getDefaultChild())
                .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
    }

    /**
     * ECS native blue/green: production traffic goes through a listener rule that forwards to the blue
     * and green target groups by weight. A deployment starts the new tasks in the idle group, and ECS
     * moves the weights {@value NightshiftService#LINEAR_STEP_PERCENT}% at a time (see
     * {@link NightshiftService}); the infrastructure role CDK creates lets ECS change the rule.
     */
    private List<ApplicationTargetGroup> blueGreen(String environmentSuffix, IVpc vpc, ApplicationListener listener,
                                                   NightshiftService reporting) {
        ApplicationTargetGroup blue = targetGroup("Blue", "tg-reports-blue-" + environmentSuffix, vpc);
        ApplicationTargetGroup green = targetGroup("Green", "tg-reports-green-" + environmentSuffix, vpc);
        // Requests that match no rule: none do, since the production rule matches every path.
        listener.addAction("Default", AddApplicationActionProps.builder()
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("text/plain").messageBody("not found").build()))
                .build());
        ApplicationListenerRule production = ApplicationListenerRule.Builder.create(this, "ProductionRule")
                .listener(listener)
                .priority(1)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/*"))))
                .action(ListenerAction.weightedForward(List.of(
                        WeightedTargetGroup.builder().targetGroup(blue).weight(100).build(),
                        WeightedTargetGroup.builder().targetGroup(green).weight(0).build())))
                .build();
        reporting.service().loadBalancerTarget(LoadBalancerTargetOptions.builder()
                        .containerName(reporting.container().getContainerName())
                        .containerPort(NightshiftService.CONTAINER_PORT)
                        .alternateTarget(new AlternateTarget("AlternateTarget", AlternateTargetProps.builder()
                                .alternateTargetGroup(green)
                                .productionListener(ListenerRuleConfiguration.applicationListenerRule(production))
                                .build()))
                        .build())
                .attachToApplicationTargetGroup(blue);
        Suppressions.suppress(reporting.service().getNode().findChild("AlternateTargetRole"), "AwsSolutions-IAM4",
                "The ECS infrastructure role for load balancers: ECS moves listener rule weights and registers "
                        + "targets during a blue/green deployment, and AWS maintains this policy as ECS adds actions.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"));
        return List.of(blue, green);
    }

    private ApplicationTargetGroup targetGroup(String id, String name, IVpc vpc) {
        return ApplicationTargetGroup.Builder.create(this, id)
                .targetGroupName(name)
                .vpc(vpc)
                .targetType(TargetType.IP)
                .protocol(ApplicationProtocol.HTTP)
                .port(NightshiftService.CONTAINER_PORT)
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(healthCheck())
                .build();
    }

    private static HealthCheck healthCheck() {
        return HealthCheck.builder()
                .path("/health")
                .protocol(Protocol.HTTP)
                .healthyHttpCodes("200")
                .interval(Duration.seconds(30))
                .timeout(Duration.seconds(5))
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(3)
                .build();
    }

    /**
     * The endpoint's alarms, notifying {@code topic}: unhealthy targets for 5 minutes, target 5xx
     * responses, and slow responses (p95). Target 5xx and response time are measured at the load
     * balancer, so they follow the traffic whichever target group serves it.
     */
    public List<Alarm> alarms(String environmentSuffix, ITopic topic) {
        Map<String, IMetric> unhealthy = new LinkedHashMap<>();
        for (int i = 0; i < targetGroups.size(); i++) {
            unhealthy.put("tg" + i, targetGroups.get(i).getMetrics().unhealthyHostCount(MetricOptions.builder()
                    .statistic("Maximum").period(Duration.minutes(1)).build()));
        }
        IMetric unhealthyHosts = unhealthy.size() == 1 ? unhealthy.values().iterator().next()
                : MathExpression.Builder.create()
                        .label("Unhealthy targets in both target groups")
                        .expression(String.join(" + ", unhealthy.keySet().stream().map(k -> "FILL(" + k + ", 0)").toList()))
                        .usingMetrics(unhealthy)
                        .period(Duration.minutes(1))
                        .build();
        List<Alarm> alarms = List.of(
                alarm("UnhealthyHosts", "alarm-reports-unhealthy-hosts-" + environmentSuffix,
                        "reports endpoint: a target has failed /health checks for 5 minutes",
                        unhealthyHosts, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 5),
                alarm("Target5xx", "alarm-reports-target-5xx-" + environmentSuffix,
                        "reports endpoint: more than " + TARGET_5XX_PER_5_MINUTES + " 5xx responses from reporting-service in 5 minutes, twice in a row",
                        loadBalancer.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, MetricOptions.builder()
                                .statistic("Sum").period(Duration.minutes(5)).build()),
                        TARGET_5XX_PER_5_MINUTES, ComparisonOperator.GREATER_THAN_THRESHOLD, 2),
                alarm("ResponseTime", "alarm-reports-response-time-" + environmentSuffix,
                        "reports endpoint: p95 response time above " + RESPONSE_TIME_P95_SECONDS + " s for 15 minutes",
                        loadBalancer.getMetrics().targetResponseTime(MetricOptions.builder()
                                .statistic("p95").period(Duration.minutes(5)).build()),
                        RESPONSE_TIME_P95_SECONDS, ComparisonOperator.GREATER_THAN_THRESHOLD, 3));
        alarms.forEach(a -> {
            a.addAlarmAction(new SnsAction(topic));
            a.addOkAction(new SnsAction(topic));
        });
        if (deployment == ReportingDeployment.BLUE_GREEN) {
            // Health checks only catch a version that does not start; these catch one that starts and
            // then fails users while traffic shifts or bakes, and send traffic back to the old version.
            reporting.service().enableDeploymentAlarms(
                    List.of("alarm-reports-unhealthy-hosts-" + environmentSuffix, "alarm-reports-target-5xx-" + environmentSuffix),
                    DeploymentAlarmOptions.builder().behavior(AlarmBehavior.ROLLBACK_ON_ALARM).build());
        }
        return alarms;
    }

    private Alarm alarm(String id, String name, String description, IMetric metric, double threshold,
                        ComparisonOperator comparison, int periods) {
        return Alarm.Builder.create(this, id)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** {@code http://<dns>} or {@code https://<dns>}. */
    public String url() {
        return url + loadBalancer.getLoadBalancerDnsName();
    }
}
