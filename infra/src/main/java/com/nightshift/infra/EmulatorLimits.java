package com.nightshift.infra;

import java.util.List;

/**
 * What moto 5's CloudFormation cannot create, and so what an environment with
 * {@code "localEmulator": true} leaves out. Each entry says why; remove it when moto learns the feature.
 */
public final class EmulatorLimits {

    /**
     * Resource types that get no stack tags: moto's AWS::KMS::Key handler reads tags in the KMS API
     * shape (TagKey/TagValue) instead of CloudFormation's (Key/Value) and fails the stack with KeyError.
     */
    public static final List<String> UNTAGGABLE_RESOURCE_TYPES = List.of("AWS::KMS::Key");

    /**
     * Whether the dashboard may show an alarm status widget: moto's CloudFormation does not create
     * AWS::CloudWatch::Alarm, so the widget's Fn::GetAtt of an alarm ARN fails the whole stack.
     */
    public static boolean dashboardShowsAlarms(boolean localEmulator) {
        return !localEmulator;
    }

    private EmulatorLimits() {
    }
}
