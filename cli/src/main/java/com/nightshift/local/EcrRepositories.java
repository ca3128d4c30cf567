package com.nightshift.local;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nightshift.common.json.JsonCodec;

/**
 * ECR repositories that no stack owns: those a pull-through cache creates on its first pull of an
 * image, named {@code <prefix>/<upstream path>}. Lists them by prefix ({@code DescribeRepositories},
 * which has no filter by prefix, so every page is read) and deletes them with their images
 * ({@code DeleteRepository} with {@code force}).
 */
public final class EcrRepositories {

    private final EcrApi ecr;

    public EcrRepositories(EcrApi ecr) {
        this.ecr = ecr;
    }

    /** The names of the repositories under {@code prefix/}, sorted; repositories merely starting with {@code prefix} are not. */
    public List<String> namesUnder(String prefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            ObjectNode request = ecr.request().put("maxResults", 1000);
            if (token != null) {
                request.put("nextToken", token);
            }
            DescribeRepositoriesAnswer answer = read(ecr.call("DescribeRepositories", request, prefix + "/*"), prefix);
            answer.repositories().stream().map(Repository::repositoryName)
                    .filter(name -> name != null && name.startsWith(prefix + "/"))
                    .forEach(names::add);
            token = answer.nextToken();
        } while (token != null && !token.isEmpty());
        return names.stream().sorted().toList();
    }

    /**
     * Deletes {@code name} and every image in it; false when there was no such repository.
     *
     * @throws IllegalStateException naming the repository when ECR refuses
     */
    public boolean delete(String name) {
        return ecr.call("DeleteRepository", ecr.request().put("repositoryName", name).put("force", true), name) != null;
    }

    private static DescribeRepositoriesAnswer read(JsonNode answer, String prefix) {
        if (answer == null) {
            return new DescribeRepositoriesAnswer(List.of(), null);
        }
        try {
            return JsonCodec.mapper().treeToValue(answer, DescribeRepositoriesAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ECR DescribeRepositories (looking for " + prefix + "/*) answered "
                    + "something that is not a DescribeRepositories answer: " + e.getOriginalMessage(), e);
        }
    }

    /** The part of a DescribeRepositories answer read here. */
    record DescribeRepositoriesAnswer(List<Repository> repositories, String nextToken) {
        DescribeRepositoriesAnswer {
            repositories = repositories == null ? List.of() : repositories;
        }
    }

    record Repository(String repositoryName) {
    }
}
