package com.nightshift.reporting.service;

import java.net.URI;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.shell.AwsFactory;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.regions.Region;

/**
 * Points the service's AWS clients at the test's emulator ({@code test.aws.endpoint}): a service reads
 * {@code AWS_ENDPOINT_URL} from its process environment, which a test cannot set for its own JVM.
 */
@Factory
@Requires(property = "test.aws.endpoint")
class EmulatorAwsFactory {

    @Singleton
    @Replaces(value = AwsClients.class, factory = AwsFactory.class)
    AwsClients awsClients(@Property(name = "test.aws.endpoint") String endpoint) {
        return new AwsClients(AwsEndpoint.emulator(URI.create(endpoint), Region.US_EAST_1));
    }
}
