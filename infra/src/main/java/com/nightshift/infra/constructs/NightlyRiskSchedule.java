package com.nightshift.infra.constructs;

import com.nightshift.infra.config.RiskSchedule;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Starts the nightly risk run: at the configured time, EventBridge Scheduler puts {@link #MESSAGE} on
 * the risk queue (risk-calculation works out the business date itself). Named
 * {@code schedule-risk-nightly-<suffix>}; its role may only send to that queue and use the key that
 * encrypts it.
 *
 * <p>Scheduler rather than an EventBridge rule: rule schedules are UTC only, so a 02:00 New York run
 * would drift by an hour at every daylight-saving change. A Scheduler schedule carries its own time
 * zone ({@code ScheduleExpressionTimezone}).
 */
public final class NightlyRiskSchedule extends Construct {

    /** The job message, exactly; the risk service keys its run on the job id and the business date it derives. */
    public static final String MESSAGE = "{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}";

    public NightlyRiskSchedule(Construct scope, String id, String environmentSuffix, RiskSchedule when,
                               IQueue riskQueue, IKey key) {
        super(scope, id);
        Role role = Role.Builder.create(this, "Role")
                .description("EventBridge Scheduler: send the nightly risk job to " + "sqs-risk-" + environmentSuffix)
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        Policy sendToRiskQueue = Policy.Builder.create(this, "SendToRiskQueue")
                .roles(List.of(role))
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("sqs:SendMessage"))
                                .resources(List.of(riskQueue.getQueueArn()))
                                .build(),
                        // The queue is encrypted with the workload key: sending needs a data key from it.
                        PolicyStatement.Builder.create()
                                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                                .resources(List.of(key.getKeyArn()))
                                .build()))
                .build();
        CfnSchedule schedule = CfnSchedule.Builder.create(this, "Schedule")
                .name("schedule-risk-nightly-" + environmentSuffix)
                .description("Nightly risk run: " + when.cron() + " " + when.timezone())
                .scheduleExpression(when.cron())
                .scheduleExpressionTimezone(when.timezone())
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .state("ENABLED")
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(riskQueue.getQueueArn())
                        .roleArn(role.getRoleArn())
                        .input(MESSAGE)
                        // A night missed is worse than a late one: keep retrying for an hour.
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumEventAgeInSeconds(3600)
                                .maximumRetryAttempts(10)
                                .build())
                        .build())
                .build();
        // The role's policy must exist before the first invocation uses it.
        schedule.getNode().addDependency(sendToRiskQueue);
    }
}
