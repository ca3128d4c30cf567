package com.nightshift.deploy;

import static com.nightshift.deploy.ScriptedShell.awsError;
import static com.nightshift.deploy.ScriptedShell.printed;
import static com.nightshift.deploy.ScriptedShell.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's digest from recorded BatchGetImage answers of the pull-through cache repository. */
class CollectorImageResolverTest {

    private static final String CACHED = "sha256:" + "c0".repeat(32);
    private static final String TAGGED = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1";
    private static final String PINNED = "public.ecr.aws/aws-observability/aws-otel-collector@" + CACHED;

    @TempDir
    Path root;

    @BeforeEach
    void layOutProject() throws IOException {
        ProjectTree.templates(root, "dev", 1_000);
    }

    @Test
    void collector_command_batch_gets_the_tag_from_the_cache_repository() throws IOException {
        assertThat(plan(TAGGED).collectorCommand()).containsExactly("aws", "ecr", "batch-get-image",
                "--region", "us-east-1",
                "--repository-name", "ecr-public-dev/aws-observability/aws-otel-collector",
                "--image-ids", "imageTag=v0.43.1",
                "--output", "json");
    }

    @Test
    void collector_command_of_a_pinned_digest_batch_gets_the_digest() throws IOException {
        assertThat(plan(PINNED).collectorCommand()).contains("--image-ids", "imageDigest=" + CACHED);
    }

    @Test
    void tag_resolves_to_the_digest_ecr_answers() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-collector-tag.json")));

        String digest = new CollectorImageResolver(shell, root).resolve(plan(TAGGED));

        assertThat(digest).isEqualTo(CACHED);
        assertThat(shell.commands).containsExactly(plan(TAGGED).collectorCommand());
    }

    @Test
    void pinned_digest_that_the_cache_holds_is_passed_on() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-collector-digest.json")));

        assertThat(new CollectorImageResolver(shell, root).resolve(plan(PINNED))).isEqualTo(CACHED);
    }

    @Test
    void pinned_digest_answered_with_another_digest_is_an_error() throws IOException {
        String pinned = "public.ecr.aws/aws-observability/aws-otel-collector@sha256:" + "d1".repeat(32);
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-collector-digest.json")));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(pinned)))
                .hasMessageContaining("asked for sha256:" + "d1".repeat(32) + ", ECR answered " + CACHED);
    }

    @Test
    void answer_that_is_not_json_is_an_error_naming_the_image() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed("IMAGES\tsha256:c0c0\tv0.43.1"));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("collector image " + TAGGED
                        + " (repository ecr-public-dev/aws-observability/aws-otel-collector)")
                .hasMessageContaining("not a BatchGetImage answer");
    }

    @Test
    void answer_with_a_malformed_digest_is_an_error_naming_the_image() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(
                recorded("batch-get-image-collector-tag.json").replace(CACHED, "sha256:c0c0")));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .hasMessageStartingWith("collector image " + TAGGED)
                .hasMessageContaining("digest 'sha256:c0c0', not sha256:<64 hex>");
    }

    @Test
    void answer_without_image_or_failure_is_an_error_naming_the_image() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed("{\"images\":[],\"failures\":[]}"));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .hasMessageStartingWith("collector image " + TAGGED)
                .hasMessageContaining("no image and no failure");
    }

    @Test
    void tag_that_is_not_found_is_an_error_naming_the_image_and_the_failure() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-not-found-tag.json")));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .hasMessageStartingWith("collector image " + TAGGED)
                .hasMessageContaining("ImageNotFound (Requested image not found)");
    }

    @Test
    void pinned_digest_not_in_the_cache_says_to_cache_it_through_a_tag_first() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-not-found-digest.json")));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(PINNED)))
                .hasMessageContaining("ImageNotFound")
                .hasMessageContaining("set collectorImage to a tag of that image for one deployment");
    }

    @Test
    void upstream_failure_is_an_error_saying_ecr_public_was_not_reached() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("batch-get-image-upstream-unavailable.json")));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .hasMessageContaining("UpstreamUnavailable")
                .hasMessageContaining("could not fetch it from public.ecr.aws");
    }

    @Test
    void missing_cache_repository_is_an_error_pointing_at_the_cache_rule_and_permissions() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> awsError("RepositoryNotFoundException", "BatchGetImage",
                "The repository with name 'ecr-public-dev/aws-observability/aws-otel-collector' does not exist in the"
                        + " registry with id '123456789012'"));

        assertThatThrownBy(() -> new CollectorImageResolver(shell, root).resolve(plan(TAGGED)))
                .hasMessageStartingWith("collector image " + TAGGED + ": aws ecr batch-get-image on "
                        + "ecr-public-dev/aws-observability/aws-otel-collector failed: An error occurred "
                        + "(RepositoryNotFoundException)")
                .hasMessageContaining("pull-through cache rule for prefix ecr-public-dev in stack nightshift-registry-dev")
                .hasMessageContaining("ecr:CreateRepository");
    }

    private DeployPlan plan(String collectorImage) throws IOException {
        ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","collectorImage":"%s"}
                """.formatted(collectorImage));
        return new DeployPlan(root, DeployEnvironment.load(root.resolve("infra/config"), "dev"), ScriptedShell.ACCOUNT,
                "0.1.0", Optional.empty(), Map.of(), Optional.empty());
    }
}
