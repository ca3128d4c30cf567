package com.nightshift.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nightshift.common.json.JsonCodec;

/**
 * Brings the collector sidecar image into the registry's pull-through cache and reads its digest,
 * which the workload stack's task definitions pull it by ({@code CollectorImageDigest}).
 *
 * <p>A tag in the configuration resolves to the digest the cache holds for that tag now, so each
 * deployment records exactly which collector it runs. A pinned digest is fetched by that digest, which
 * checks that the cache holds it, and is passed on unchanged.
 *
 * <p>What is documented and what is not: ECR documents that a registry pull makes one BatchGetImage call
 * for the manifest, that BatchGetImage can answer with upstream failures (so it goes through the
 * pull-through cache rule), and that the first pull of an image creates its repository in the cache
 * (which needs {@code ecr:CreateRepository}) and imports it ({@code ecr:BatchImportUpstreamImage}). That
 * the AWS CLI's {@code batch-get-image} does all of this exactly as a container engine's pull does is our
 * reading of those pages, not a documented guarantee. An open request to AWS (containers-roadmap #2837)
 * says a first pull <em>by digest</em> of an image not yet cached is answered as not found; the error
 * for that case says what to do.
 */
public final class CollectorImageResolver {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private final CommandShell shell;
    private final Path directory;

    public CollectorImageResolver(CommandShell shell, Path directory) {
        this.shell = shell;
        this.directory = directory;
    }

    /**
     * Runs {@link DeployPlan#collectorCommand()} and returns the collector's {@code sha256:} digest.
     *
     * @throws IllegalStateException naming the image and the repository when ECR refuses, does not find
     *                               the image, or answers something that is not a BatchGetImage answer
     */
    public String resolve(DeployPlan plan) {
        CollectorImage image = plan.environment().collectorImage();
        String repository = image.cacheRepository(plan.environment().suffix());
        CommandShell.Answer answer = shell.ask(plan.collectorCommand(), directory);
        if (!answer.succeeded()) {
            throw new IllegalStateException("collector image " + image.reference() + ": aws ecr batch-get-image on "
                    + repository + " failed: " + answer.errorSummary() + hint(answer, plan));
        }
        return digestIn(answer.output(), image, repository);
    }

    /**
     * The digest in a BatchGetImage answer ({@code --output json}) for {@code image}, fetched from
     * {@code repository}.
     *
     * @throws IllegalStateException naming the image when the answer is not JSON, reports a failure, holds
     *                               no image, a malformed digest, or another digest than the one pinned
     */
    static String digestIn(String json, CollectorImage image, String repository) {
        String subject = "collector image " + image.reference() + " (repository " + repository + ")";
        BatchGetImageAnswer answer;
        try {
            answer = JsonCodec.mapper().readValue(json, BatchGetImageAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(subject + ": aws ecr batch-get-image answered something that is not"
                    + " a BatchGetImage answer: " + e.getOriginalMessage(), e);
        }
        if (answer == null) {
            throw new IllegalStateException(subject + ": aws ecr batch-get-image answered nothing");
        }
        if (!answer.failures().isEmpty()) {
            Failure failure = answer.failures().getFirst();
            throw new IllegalStateException(subject + ": ECR answered " + failure.failureCode() + " ("
                    + failure.failureReason() + ")" + hint(failure, image));
        }
        if (answer.images().isEmpty()) {
            throw new IllegalStateException(subject + ": aws ecr batch-get-image answered no image and no failure");
        }
        ImageId id = answer.images().getFirst().imageId();
        String digest = id == null ? null : id.imageDigest();
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalStateException(subject + ": aws ecr batch-get-image answered digest '" + digest
                    + "', not sha256:<64 hex>");
        }
        if (image.digest().isPresent() && !image.digest().get().equals(digest)) {
            throw new IllegalStateException(subject + ": asked for " + image.digest().get() + ", ECR answered "
                    + digest);
        }
        return digest;
    }

    private static String hint(Failure failure, CollectorImage image) {
        String code = String.valueOf(failure.failureCode());
        if (code.equals("ImageNotFound") && image.digest().isPresent()) {
            return "; a pull-through cache may not fetch an image from upstream on a first pull by digest: set"
                    + " collectorImage to a tag of that image for one deployment (which caches it), then pin the"
                    + " digest again";
        }
        if (code.equals("ImageNotFound")) {
            return "; is " + image.reference() + " on " + CollectorImage.UPSTREAM_REGISTRY + "?";
        }
        if (code.startsWith("Upstream")) {
            return "; ECR could not fetch it from " + CollectorImage.UPSTREAM_REGISTRY + ", try again later";
        }
        return "";
    }

    private static String hint(CommandShell.Answer answer, DeployPlan plan) {
        String code = answer.awsErrorCode().orElse("");
        String prefix = plan.environment().pullThroughCachePrefix();
        return switch (code) {
            case "RepositoryNotFoundException" -> " (no such repository, and ECR did not create one: is the pull-through"
                    + " cache rule for prefix " + prefix + " in stack " + plan.environment().registryStackName()
                    + ", and may the identity call ecr:CreateRepository and ecr:BatchImportUpstreamImage?)";
            case "AccessDeniedException" -> " (the identity needs ecr:BatchGetImage, ecr:BatchImportUpstreamImage and,"
                    + " for the first pull, ecr:CreateRepository on " + prefix + "/*)";
            case "UnableToGetUpstreamImageException" -> " (ECR could not fetch it from "
                    + CollectorImage.UPSTREAM_REGISTRY + ")";
            default -> "";
        };
    }

    /** The part of a BatchGetImage answer this class reads. */
    record BatchGetImageAnswer(List<Image> images, List<Failure> failures) {
        BatchGetImageAnswer {
            images = images == null ? List.of() : images;
            failures = failures == null ? List.of() : failures;
        }
    }

    record Image(ImageId imageId, String imageManifestMediaType) {
    }

    record ImageId(String imageDigest, String imageTag) {
    }

    record Failure(ImageId imageId, String failureCode, String failureReason) {
    }
}
