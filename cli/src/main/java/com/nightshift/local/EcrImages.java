package com.nightshift.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The images in ECR repositories, through the ECR API ({@code ListImages}, {@code BatchDeleteImage}). */
public final class EcrImages {

    /** BatchDeleteImage takes at most this many image ids a request. */
    private static final int DELETE_BATCH = 100;

    private final EcrApi ecr;

    public EcrImages(EcrApi ecr) {
        this.ecr = ecr;
    }

    /**
     * The digests of every image in {@code repository} (an image with several tags counts once); empty
     * when the repository does not exist.
     */
    public List<String> digests(String repository) {
        Set<String> digests = new LinkedHashSet<>();
        String token = null;
        do {
            ObjectNode request = ecr.request().put("repositoryName", repository).put("maxResults", 1000);
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode response = ecr.call("ListImages", request, repository);
            if (response == null) {
                return List.of();
            }
            response.path("imageIds").forEach(id -> digests.add(id.path("imageDigest").asText()));
            token = response.path("nextToken").isTextual() ? response.path("nextToken").asText() : null;
        } while (token != null);
        digests.remove("");
        return List.copyOf(digests);
    }

    /**
     * Deletes every image in {@code repository} and returns how many went; a repository that does not
     * exist counts as empty.
     *
     * @throws IllegalStateException naming the repository and image when ECR refuses a deletion
     */
    public int deleteAll(String repository) {
        List<String> digests = digests(repository);
        for (int from = 0; from < digests.size(); from += DELETE_BATCH) {
            ObjectNode request = ecr.request().put("repositoryName", repository);
            var ids = request.putArray("imageIds");
            digests.subList(from, Math.min(digests.size(), from + DELETE_BATCH))
                    .forEach(digest -> ids.addObject().put("imageDigest", digest));
            JsonNode response = ecr.call("BatchDeleteImage", request, repository);
            if (response == null) {
                return from;
            }
            List<String> failures = new ArrayList<>();
            // An image already gone is what we wanted.
            response.path("failures").forEach(f -> {
                if (!"ImageNotFound".equals(f.path("failureCode").asText())) {
                    failures.add(f.path("imageId").path("imageDigest").asText() + ": " + f.path("failureCode").asText()
                            + " " + f.path("failureReason").asText());
                }
            });
            if (!failures.isEmpty()) {
                throw new IllegalStateException("repository " + repository + ": cannot delete images " + failures);
            }
        }
        return digests.size();
    }
}
