package com.nightshift.deploy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenTelemetry collector sidecar image as {@code collectorImage} in {@code infra/config/<env>.json}
 * names it: an image on ECR Public ({@code public.ecr.aws/<path>}) pinned by a tag or by a digest.
 * The tasks do not pull it from ECR Public: they pull it by digest from the registry's pull-through
 * cache, where it is {@code ecr-public-<suffix>/<path>} (the cache rule's prefix, then the upstream path).
 * Immutable; exactly one of {@link #tag()} and {@link #digest()} is present.
 *
 * @param reference the value as written in the configuration
 * @param path      the repository path on ECR Public, e.g. {@code aws-observability/aws-otel-collector}
 * @param tag       the tag, when the configuration pins one
 * @param digest    the {@code sha256:<64 hex>} digest, when the configuration pins one
 */
public record CollectorImage(String reference, String path, Optional<String> tag, Optional<String> digest) {

    /** The registry the pull-through cache rule of the registry stack has as its upstream. */
    public static final String UPSTREAM_REGISTRY = "public.ecr.aws";

    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(UPSTREAM_REGISTRY)
            + "/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
            + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})|@(sha256:[a-f0-9]{64}))");

    public CollectorImage {
        tag = tag == null ? Optional.empty() : tag;
        digest = digest == null ? Optional.empty() : digest;
        if (tag.isPresent() == digest.isPresent()) {
            throw new IllegalArgumentException("collector image " + reference + ": give a tag or a digest, not "
                    + (tag.isPresent() ? "both" : "neither"));
        }
    }

    /**
     * Parses {@code public.ecr.aws/<path>:<tag>} or {@code public.ecr.aws/<path>@sha256:<64 hex>}.
     *
     * @throws IllegalArgumentException saying what the value should look like
     */
    public static CollectorImage parse(String reference) {
        Matcher matcher = REFERENCE.matcher(reference == null ? "" : reference);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + reference + "' is not an image on " + UPSTREAM_REGISTRY
                    + " pinned by a tag (" + UPSTREAM_REGISTRY + "/<path>:<tag>) or a digest ("
                    + UPSTREAM_REGISTRY + "/<path>@sha256:<64 hex>)");
        }
        return new CollectorImage(reference, matcher.group(1), Optional.ofNullable(matcher.group(2)),
                Optional.ofNullable(matcher.group(3)));
    }

    /** {@code ecr-public-<suffix>}: the repository prefix of the registry stack's pull-through cache rule. */
    public static String cachePrefix(String suffix) {
        return "ecr-public-" + suffix;
    }

    /** {@code ecr-public-<suffix>/<path>}: the repository the pull-through cache keeps this image in. */
    public String cacheRepository(String suffix) {
        return cachePrefix(suffix) + "/" + path;
    }

    /** The image id as the ECR commands of the AWS CLI take it: {@code imageTag=<tag>} or {@code imageDigest=<digest>}. */
    public String imageId() {
        return tag.map(t -> "imageTag=" + t).orElseGet(() -> "imageDigest=" + digest.orElseThrow());
    }
}
