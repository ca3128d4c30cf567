package com.nightshift.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.deploy.DeployEnvironment;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code nightshift destroy}: removes a deployed environment so that nothing is left behind. It
 * empties the workload stack's buckets (every object version and delete marker), deletes the images
 * in the registry stack's repositories, deletes the workload stack, deletes the repositories the
 * registry's pull-through cache created ({@code ecr-public-<suffix>/...}, which belong to no stack),
 * then deletes the registry stack, waiting for each stack.
 *
 * <p>The templates carry no Lambda-backed custom resources (no CDK auto-delete), so CloudFormation
 * on its own cannot delete a bucket or a repository that holds anything. Server access logs can
 * still land in the log bucket after it was emptied (S3 delivers them late), so a stack deletion that
 * fails is retried after emptying its buckets again.
 *
 * <p>Honours {@code AWS_ENDPOINT_URL} (an emulator) and takes credentials from the default chain.
 */
public final class EnvironmentDestroyer {

    private static final int DELETE_ATTEMPTS = 3;

    /** The parsed arguments of {@code nightshift destroy}. */
    private final DeployEnvironment environment;
    private final AwsEndpoint endpoint;
    private final BufferedReader input;
    private final PrintStream out;
    private final Duration poll;
    private final Duration timeout;

    EnvironmentDestroyer(DeployEnvironment environment, AwsEndpoint endpoint, BufferedReader input, PrintStream out,
            Duration poll, Duration timeout) {
        this.environment = environment;
        this.endpoint = endpoint;
        this.input = input;
        this.out = out;
        this.poll = poll;
        this.timeout = timeout;
    }

    /**
     * Destroys environment {@code env} (an {@code <projectRoot>/infra/config/<env>.json}) in {@code region},
     * or the configuration's region, at the endpoint {@code environmentVariables} name; asks first
     * unless {@code yes}.
     */
    public static void run(String env, Optional<String> region, boolean yes, Path projectRoot,
            Map<String, String> environmentVariables, BufferedReader input, PrintStream out) {
        DeployEnvironment environment = DeployEnvironment.load(projectRoot.resolve("infra").resolve("config"), env);
        Map<String, String> variables = new HashMap<>(environmentVariables);
        variables.put(AwsEndpoint.REGION_VARIABLE, region.orElse(environment.region()));
        AwsEndpoint endpoint = AwsEndpoint.fromEnvironment(variables);
        EnvironmentDestroyer destroyer = new EnvironmentDestroyer(environment, endpoint, input, out,
                endpoint.isEmulator() ? Duration.ofMillis(500) : Duration.ofSeconds(10), Duration.ofMinutes(60));
        if (!yes && !destroyer.confirmed()) {
            out.println("nightshift destroy: nothing deleted");
            return;
        }
        destroyer.destroy();
    }

    /** Asks on the terminal; true only when the answer is the environment's name. */
    boolean confirmed() {
        out.println("nightshift destroy deletes, in " + endpoint.region().id()
                + endpoint.endpointOverride().map(u -> " at " + u).orElse("") + ":");
        out.println("  every object version in the buckets of stack " + environment.workloadStackName());
        out.println("  every image in the repositories of stack " + environment.registryStackName());
        out.println("  the repositories under " + environment.pullThroughCachePrefix()
                + "/ that its pull-through cache created, with their images");
        out.println("  the stacks " + environment.workloadStackName() + " and " + environment.registryStackName());
        out.print("Type the environment name (" + environment.name() + ") to go on: ");
        out.flush();
        String answer;
        try {
            answer = input.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the confirmation", e);
        }
        return answer != null && answer.trim().equals(environment.name());
    }

    /** Empties, deletes and waits; throws naming the stack and the resources that could not be deleted. */
    public void destroy() {
        AwsClients clients = new AwsClients(endpoint);
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build();
                S3Client s3 = clients.s3()) {
            String workload = environment.workloadStackName();
            String registry = environment.registryStackName();
            BucketPurge purge = new BucketPurge(s3);
            EcrApi ecr = new EcrApi(endpoint);
            EcrImages images = new EcrImages(ecr);

            Optional<Stack> workloadStack = describe(cloudFormation, workload);
            workloadStack.ifPresentOrElse(stack -> emptyBuckets(cloudFormation, stack, purge),
                    () -> out.println("stack " + workload + ": not found, nothing to empty"));
            Optional<Stack> registryStack = describe(cloudFormation, registry);
            registryStack.ifPresentOrElse(stack -> deleteImages(cloudFormation, stack, images),
                    () -> out.println("stack " + registry + ": not found, no images to delete"));

            if (workloadStack.isPresent()) {
                deleteStack(cloudFormation, workload, () -> describe(cloudFormation, workload)
                        .ifPresent(stack -> emptyBuckets(cloudFormation, stack, purge)));
            }
            // Once the workload stack is gone no task pulls the collector, which would have the cache
            // create its repository again; the registry stack (cache rule and creation template) goes after.
            deleteCachedRepositories(new EcrRepositories(ecr));
            if (registryStack.isPresent()) {
                deleteStack(cloudFormation, registry, () -> describe(cloudFormation, registry)
                        .ifPresent(stack -> deleteImages(cloudFormation, stack, images)));
            }
            out.println("nightshift destroy: " + environment.name() + " is gone");
        }
    }

    private void emptyBuckets(CloudFormationClient cloudFormation, Stack stack, BucketPurge purge) {
        for (String bucket : buckets(cloudFormation, stack)) {
            int deleted = purge.purge(bucket);
            out.println("bucket " + bucket + ": deleted " + deleted + " object versions and delete markers");
        }
    }

    private void deleteImages(CloudFormationClient cloudFormation, Stack stack, EcrImages images) {
        for (String repository : physicalIds(cloudFormation, stack.stackName(), "AWS::ECR::Repository")) {
            int deleted = images.deleteAll(repository);
            out.println("repository " + repository + ": deleted " + deleted + " images");
        }
    }

    private void deleteCachedRepositories(EcrRepositories repositories) {
        String prefix = environment.pullThroughCachePrefix();
        List<String> names = repositories.namesUnder(prefix);
        if (names.isEmpty()) {
            out.println("pull-through cache " + prefix + "/: no repositories");
        }
        for (String name : names) {
            if (repositories.delete(name)) {
                out.println("repository " + name + ": deleted with its images (pull-through cache)");
            }
        }
    }

    /**
     * The buckets the stack owns: its {@code AWS::S3::Bucket} resources. Not the buckets its outputs
     * name: with {@code buckets.mode: import} those are existing buckets the stack only uses, and
     * their data is not the stack's to delete.
     */
    private static List<String> buckets(CloudFormationClient cloudFormation, Stack stack) {
        return physicalIds(cloudFormation, stack.stackName(), "AWS::S3::Bucket");
    }

    private static List<String> physicalIds(CloudFormationClient cloudFormation, String stackName, String type) {
        List<String> ids = new ArrayList<>();
        for (StackResourceSummary resource : cloudFormation.listStackResourcesPaginator(b -> b.stackName(stackName))
                .stackResourceSummaries()) {
            if (type.equals(resource.resourceType()) && resource.physicalResourceId() != null
                    && resource.resourceStatus() != ResourceStatus.DELETE_COMPLETE) {
                ids.add(resource.physicalResourceId());
            }
        }
        return ids;
    }

    /**
     * Deletes {@code stackName} and waits until it is gone; on DELETE_FAILED runs {@code beforeRetry}
     * and tries again, up to {@value #DELETE_ATTEMPTS} attempts.
     */
    private void deleteStack(CloudFormationClient cloudFormation, String stackName, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            out.println("stack " + stackName + ": deleting" + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
            Optional<String> failure;
            try {
                cloudFormation.deleteStack(b -> b.stackName(stackName));
                failure = awaitDeleted(cloudFormation, stackName);
            } catch (CloudFormationException e) {
                // AWS answers DeleteStack at once and reports failures through the stack's status; an
                // emulator may fail the call itself part way. Either way the stack's state decides.
                failure = describe(cloudFormation, stackName)
                        .filter(stack -> stack.stackStatus() != StackStatus.DELETE_COMPLETE)
                        .map(stack -> "DeleteStack failed (" + stack.stackStatus() + "): "
                                + e.awsErrorDetails().errorMessage());
            }
            if (failure.isEmpty()) {
                out.println("stack " + stackName + ": deleted");
                return;
            }
            if (attempt == DELETE_ATTEMPTS) {
                throw new IllegalStateException("stack " + stackName + " could not be deleted: " + failure.get());
            }
            out.println("stack " + stackName + ": " + failure.get() + "; emptying again and retrying");
            beforeRetry.run();
        }
    }

    /** Empty when the stack is gone; the failure reasons when its deletion failed. */
    private Optional<String> awaitDeleted(CloudFormationClient cloudFormation, String stackName) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Stack> stack = describe(cloudFormation, stackName);
            if (stack.isEmpty() || stack.get().stackStatus() == StackStatus.DELETE_COMPLETE) {
                return Optional.empty();
            }
            if (stack.get().stackStatus() == StackStatus.DELETE_FAILED) {
                List<String> reasons = new ArrayList<>();
                cloudFormation.describeStackResources(b -> b.stackName(stackName)).stackResources().stream()
                        .filter(r -> r.resourceStatus() == ResourceStatus.DELETE_FAILED)
                        .forEach(r -> reasons.add(r.logicalResourceId() + " (" + r.physicalResourceId() + "): "
                                + r.resourceStatusReason()));
                return Optional.of("DELETE_FAILED " + (reasons.isEmpty()
                        ? Optional.ofNullable(stack.get().stackStatusReason()).orElse("") : reasons));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("stack " + stackName + " still " + stack.get().stackStatus()
                        + " after " + timeout);
            }
            MotoServer.sleep(poll);
        }
    }

    /** The stack, or empty when CloudFormation does not know it (any more). */
    private static Optional<Stack> describe(CloudFormationClient cloudFormation, String stackName) {
        try {
            return cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst();
        } catch (CloudFormationException e) {
            if (e.statusCode() == 400 && String.valueOf(e.getMessage()).contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
