package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.emulator.LocalAws;

/** The signed ECR API calls against the moto emulator. */
class EcrImagesTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static EcrApi ecr;
    private static EcrImages images;

    @BeforeAll
    static void clients() {
        ecr = new EcrApi(AWS.endpoint());
        images = new EcrImages(ecr);
    }

    @Test
    void digests_lists_an_image_with_two_tags_once() {
        createRepository(ecr, "two-tags");
        putImage(ecr, "two-tags", "1.0.0", 1);
        putImage(ecr, "two-tags", "latest", 1);
        putImage(ecr, "two-tags", "1.0.1", 2);

        assertThat(images.digests("two-tags")).hasSize(2).allMatch(d -> d.startsWith("sha256:"));
    }

    @Test
    void deleteAll_leaves_the_repository_empty() {
        createRepository(ecr, "emptied");
        for (int i = 1; i <= 3; i++) {
            putImage(ecr, "emptied", "v" + i, i);
        }

        assertThat(images.deleteAll("emptied")).isEqualTo(3);
        assertThat(images.digests("emptied")).isEmpty();
    }

    @Test
    void missing_repository_counts_as_empty() {
        assertThat(images.digests("never-created")).isEmpty();
        assertThat(images.deleteAll("never-created")).isZero();
    }

    static void createRepository(EcrApi ecr, String name) {
        ecr.call("CreateRepository", ecr.request().put("repositoryName", name), name);
    }

    /** Puts an image manifest numbered {@code n} (the same n gives the same digest) under {@code tag}. */
    static void putImage(EcrApi ecr, String repository, String tag, int n) {
        String layer = "sha256:" + String.format("%064x", n);
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":100,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":200,"digest":"%s"}]}
                """.formatted(layer, layer);
        ecr.call("PutImage", ecr.request().put("repositoryName", repository)
                .put("imageManifest", manifest).put("imageTag", tag), repository);
    }
}
