package com.nightshift.infra.config;

/** Whether the workload stack creates its VPC or takes an existing one through stack parameters. */
public enum NetworkMode {
    CREATE,
    IMPORT
}
