package com.nightshift.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.local.LocalStack;
import com.nightshift.local.StackDriver;
import com.nightshift.local.StackOutputs;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Gives every end-to-end test the one stack of this run, started once and stopped after the last
 * test: the local stack by default, or with {@code -De2e.stack=NAME -De2e.region=REGION} a deployed
 * stack found through its CloudFormation outputs (credentials from the default AWS chain).
 *
 * <p>The local stack's services export their spans to a {@link SpanReceiver} started with it, which a test
 * gets as a parameter too; against a deployed stack the receiver stays empty (spans go to X-Ray there).
 */
public final class StackUnderTest implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackUnderTest.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackDriver.class || type == SpanReceiver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningStack stack = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("stack", key -> start(), RunningStack.class);
        return parameter.getParameter().getType() == SpanReceiver.class ? stack.spans() : stack.driver();
    }

    private static RunningStack start() {
        String deployed = System.getProperty("e2e.stack", "");
        SpanReceiver spans;
        try {
            spans = SpanReceiver.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the span receiver", e);
        }
        try {
            if (!deployed.isBlank()) {
                Region region = Region.of(System.getProperty("e2e.region", "us-east-1"));
                AwsClients clients = new AwsClients(new AwsEndpoint(region, java.util.Optional.empty()));
                StackOutputs outputs;
                try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
                    outputs = StackOutputs.describe(cloudFormation, deployed);
                }
                return new RunningStack(null, new StackDriver(clients, outputs, outputs.reportsEndpoint(), () -> { }),
                        spans);
            }
            Path home = Path.of(System.getProperty("nightshift.home", "..")).toAbsolutePath().normalize();
            Path work = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath();
            LocalStack stack = LocalStack.start(home, work, java.util.Optional.of(spans.endpoint()));
            return new RunningStack(stack, StackDriver.local(stack), spans);
        } catch (Exception e) {
            spans.close();
            throw new IllegalStateException("cannot start the stack under test: " + e.getMessage(), e);
        }
    }

    /** Closed by JUnit when the root context closes, after the last test of the run. */
    record RunningStack(LocalStack local, StackDriver driver, SpanReceiver spans) implements AutoCloseable {
        @Override
        public void close() {
            driver.close();
            if (local != null) {
                local.close();
            }
            spans.close();
        }
    }
}
