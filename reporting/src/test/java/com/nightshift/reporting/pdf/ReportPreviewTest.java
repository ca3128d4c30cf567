package com.nightshift.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ReportPreviewTest {

    private static byte[] report() {
        return new ReportRenderer().render(ReportDocument.of("Preview", List.of("Business date 2026-11-20"),
                LocalDate.of(2026, 11, 20), "run-1", Instant.parse("2026-11-21T05:30:00Z"),
                List.of(ReportSection.paragraph("Notes", "A line of text."))));
    }

    @Test
    void theFirstPageBecomesAnA4ShapedPngAtTheAskedResolution() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ReportPreview.firstPage(report(), 72)));

        // A4 is 595 x 842 points, one pixel a point at 72 dpi.
        assertThat(image.getWidth()).isBetween(594, 596);
        assertThat(image.getHeight()).isBetween(841, 843);
    }

    @Test
    void aPageWithTextIsNotBlank() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ReportPreview.firstPage(report(), 50)));
        boolean dark = false;
        for (int y = 0; y < image.getHeight() && !dark; y++) {
            for (int x = 0; x < image.getWidth() && !dark; x++) {
                dark = (image.getRGB(x, y) & 0xff) < 128;
            }
        }
        assertThat(dark).isTrue();
    }

    @Test
    void anUnreasonableResolutionOrANonPdfIsRefused() {
        assertThatThrownBy(() -> ReportPreview.firstPage(report(), 5000)).hasMessageContaining("5000 dpi");
        assertThatThrownBy(() -> ReportPreview.firstPage("not a pdf".getBytes(), 72)).isInstanceOf(java.io.IOException.class);
    }
}
