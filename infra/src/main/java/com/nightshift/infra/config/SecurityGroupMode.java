package com.nightshift.infra.config;

/**
 * Whether the workload stack creates the security groups of its load balancer and services, or
 * takes existing ones through the stack parameters {@code LoadBalancerSecurityGroupId} and
 * {@code <Service>SecurityGroupId} (only with an imported network: a created VPC has no groups to import).
 * Imported groups are used as they are: the stack adds no rules to them (infra/README.md lists the
 * rules their owner must set).
 */
public enum SecurityGroupMode {
    CREATE,
    IMPORT
}
