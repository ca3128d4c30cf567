package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.emulator.MotoServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * {@code nightshift destroy} against the moto emulator: stacks made through the CloudFormation API
 * from small hand-written templates, holding a versioned bucket with several versions and an ECR
 * repository with images.
 */
class EnvironmentDestroyerTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    @TempDir
    static Path work;
    private static AwsEndpoint endpoint;
    private static CloudFormationClient cloudFormation;
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        endpoint = AWS.endpoint();
        cloudFormation = AWS.client(clients -> clients.configure(CloudFormationClient.builder()).build());
        s3 = AWS.client(AwsClients::s3);
    }

    @Test
    void destroy_empties_the_versioned_bucket_and_deletes_the_workload_stack() throws IOException {
        String bucket = "s3-output-tw";
        createStack("nightshift-workload-tw", versionedBucketTemplate(bucket));
        // moto's CloudFormation accepts VersioningConfiguration but does not apply it.
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        for (int version = 1; version <= 3; version++) {
            s3.putObject(b -> b.bucket(bucket).key("reports/r.pdf"), RequestBody.fromString("version " + System.nanoTime()));
        }
        s3.putObject(b -> b.bucket(bucket).key("results/x.json"), RequestBody.fromString("{}"));
        s3.deleteObject(b -> b.bucket(bucket).key("results/x.json"));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).hasSize(4);

        String printed = destroy("tw", "--yes");

        assertThat(stackExists("nightshift-workload-tw")).isFalse();
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        assertThat(printed).contains("bucket s3-output-tw: deleted 5 object versions and delete markers");
    }

    @Test
    void destroy_leaves_an_imported_bucket_named_only_in_the_outputs_alone() throws IOException {
        String imported = "s3-existing-data-ti";
        s3.createBucket(b -> b.bucket(imported));
        s3.putObject(b -> b.bucket(imported).key("inbound/ledger/l.csv"), RequestBody.fromString("a,b"));
        createStack("nightshift-workload-ti", """
                {"Resources":{"Queue":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":"sqs-ingest-ti"}}},
                 "Outputs":{"DataBucketName":{"Value":"%s"}}}
                """.formatted(imported));

        destroy("ti", "--yes");

        assertThat(stackExists("nightshift-workload-ti")).isFalse();
        assertThat(s3.listObjectVersions(b -> b.bucket(imported)).versions()).hasSize(1);
    }

    @Test
    void destroy_deletes_the_images_of_the_registry_repositories_and_the_registry_stack() throws IOException {
        String repository = "ecr-ingestion-service-tr";
        createStack("nightshift-registry-tr", """
                {"Resources":{"Repository":{"Type":"AWS::ECR::Repository","Properties":{"RepositoryName":"%s"}}}}
                """.formatted(repository));
        EcrApi ecr = new EcrApi(endpoint);
        EcrImages images = new EcrImages(ecr);
        EcrImagesTest.putImage(ecr, repository, "1.0.0", 1);
        EcrImagesTest.putImage(ecr, repository, "1.0.1", 2);

        destroy("tr", "--yes");

        assertThat(stackExists("nightshift-registry-tr")).isFalse();
        // moto keeps a repository after its stack is deleted; on AWS the repository itself goes too.
        assertThat(images.digests(repository)).isEmpty();
    }

    @Test
    void destroy_deletes_the_repositories_the_pull_through_cache_created() throws IOException {
        createStack("nightshift-registry-tp", """
                {"Resources":{"Repository":{"Type":"AWS::ECR::Repository","Properties":{"RepositoryName":"ecr-risk-calculation-tp"}}}}
                """);
        EcrApi ecr = new EcrApi(endpoint);
        String collector = "ecr-public-tp/aws-observability/aws-otel-collector";
        EcrImagesTest.createRepository(ecr, collector);
        EcrImagesTest.putImage(ecr, collector, "v0.43.1", 1);

        String printed = destroy("tp", "--yes");

        assertThat(new EcrRepositories(ecr).namesUnder("ecr-public-tp")).isEmpty();
        assertThat(printed).contains("repository " + collector + ": deleted with its images (pull-through cache)");
    }

    @Test
    void destroy_leaves_the_cache_repositories_of_other_environments_alone() throws IOException {
        EcrApi ecr = new EcrApi(endpoint);
        String other = "ecr-public-tq2/aws-observability/aws-otel-collector";
        EcrImagesTest.createRepository(ecr, other);

        destroy("tq", "--yes");

        assertThat(new EcrRepositories(ecr).namesUnder("ecr-public-tq2")).containsExactly(other);
    }

    @Test
    void cache_repositories_go_after_the_workload_stack_and_before_the_registry_stack() throws IOException {
        createStack("nightshift-workload-to", versionedBucketTemplate("s3-output-to"));
        createStack("nightshift-registry-to", """
                {"Resources":{"Repository":{"Type":"AWS::ECR::Repository","Properties":{"RepositoryName":"ecr-risk-calculation-to"}}}}
                """);
        EcrImagesTest.createRepository(new EcrApi(endpoint), "ecr-public-to/aws-observability/aws-otel-collector");

        String printed = destroy("to", "--yes");

        assertThat(printed).contains("stack nightshift-workload-to: deleted",
                "repository ecr-public-to/aws-observability/aws-otel-collector: deleted", "stack nightshift-registry-to: deleting");
        assertThat(printed.indexOf("stack nightshift-workload-to: deleted"))
                .isLessThan(printed.indexOf("repository ecr-public-to/aws-observability/aws-otel-collector: deleted"));
        assertThat(printed.indexOf("repository ecr-public-to/aws-observability/aws-otel-collector: deleted"))
                .isLessThan(printed.indexOf("stack nightshift-registry-to: deleting"));
    }

    @Test
    void confirmation_names_the_pull_through_cache_repositories() throws IOException {
        String printed = destroy("tk", "no");

        assertThat(printed).contains("the repositories under ecr-public-tk/ that its pull-through cache created");
    }

    @Test
    void destroy_without_the_environment_name_as_answer_deletes_nothing() throws IOException {
        String bucket = "s3-data-tn";
        createStack("nightshift-workload-tn", versionedBucketTemplate(bucket));
        s3.putObject(b -> b.bucket(bucket).key("inbound/ledger/l.csv"), RequestBody.fromString("a,b"));

        String printed = destroy("tn", "no");

        assertThat(printed).contains("Type the environment name (tn) to go on:").contains("nothing deleted");
        assertThat(stackExists("nightshift-workload-tn")).isTrue();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).hasSize(1);
    }

    @Test
    void destroy_of_an_environment_without_stacks_deletes_nothing_and_succeeds() throws IOException {
        String printed = destroy("none", "--yes");

        assertThat(printed).contains("stack nightshift-workload-none: not found")
                .contains("stack nightshift-registry-none: not found");
    }

    @Test
    void destroy_without_env_is_a_usage_error_saying_it_is_required() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        var context = new NightshiftCli.Context(work, work, Map.of(), new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        int status = NightshiftCli.commandLine(context, new PrintStream(errors, true, StandardCharsets.UTF_8))
                .execute("destroy", "--yes");

        assertThat(status).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Missing required option").contains("--env");
    }

    @Test
    void destroy_of_an_unknown_environment_is_an_error_naming_it() throws IOException {
        Path root = Files.createTempDirectory(work, "root");
        writeConfig(root, "dev");

        assertThatThrownBy(() -> EnvironmentDestroyer.run("prod", Optional.empty(), true, root, Map.of(),
                new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown environment 'prod'");
    }

    /** Runs the command for environment {@code suffix}: "--yes", or the answer typed at the prompt. */
    private static String destroy(String suffix, String yesOrAnswer) throws IOException {
        Path root = Files.createTempDirectory(work, "root");
        writeConfig(root, suffix);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EnvironmentDestroyer.run(suffix, Optional.empty(), yesOrAnswer.equals("--yes"), root,
                Map.of("AWS_ENDPOINT_URL", AWS.moto().endpoint().toString()),
                new BufferedReader(new StringReader(yesOrAnswer + "\n")),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static void writeConfig(Path root, String suffix) throws IOException {
        Path config = Files.createDirectories(root.resolve("infra/config"));
        Files.writeString(config.resolve(suffix + ".json"), """
                {"environmentSuffix":"%s","region":"us-east-1","network":{"mode":"create"},"secret":{"mode":"create"},
                 "collectorImage":"public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1"}
                """.formatted(suffix));
    }

    private static String versionedBucketTemplate(String bucket) {
        return """
                {"Resources":{"Bucket":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"%s",
                  "VersioningConfiguration":{"Status":"Enabled"}}}},
                 "Outputs":{"OutputBucketName":{"Value":{"Ref":"Bucket"}}}}
                """.formatted(bucket);
    }

    private static void createStack(String name, String template) {
        cloudFormation.createStack(b -> b.stackName(name).templateBody(template));
        Instant deadline = Instant.now().plusSeconds(60);
        while (cloudFormation.describeStacks(b -> b.stackName(name)).stacks().getFirst().stackStatus()
                != StackStatus.CREATE_COMPLETE) {
            assertThat(Instant.now()).as("stack " + name + " created within 60 s").isBefore(deadline);
            MotoServer.sleep(Duration.ofMillis(200));
        }
    }

    private static boolean stackExists(String name) {
        try {
            return cloudFormation.describeStacks(b -> b.stackName(name)).stacks().stream()
                    .anyMatch(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE);
        } catch (CloudFormationException e) {
            return false;
        }
    }
}
