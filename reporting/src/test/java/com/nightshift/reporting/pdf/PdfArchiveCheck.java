package com.nightshift.reporting.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDContentStream;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.pattern.PDAbstractPattern;
import org.apache.pdfbox.pdmodel.graphics.pattern.PDTilingPattern;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * What every PDF the product produces must be, as a check tests can call on the bytes of a file:
 * <ol>
 *   <li>valid PDF/A-2b, as veraPDF (the PDF Association's reference validator) judges it; a failure
 *       lists every failed rule with its clause, how often it failed and veraPDF's description;</li>
 *   <li>every font it uses embedded, in pages, form XObjects (charts), tiling patterns and soft masks;</li>
 *   <li>no raster images, neither image XObjects nor inline images: charts are vector graphics.</li>
 * </ol>
 * Shipped in the reporting test-jar, so the tests of any module that renders reports can use it
 * (dependency {@code com.nightshift:reporting} with {@code <type>test-jar</type>}, test scope, and
 * {@code org.verapdf:validation-model}, test scope, whose version the root pom manages: a test-jar
 * brings none of its test dependencies along).
 * Thread-safe.
 */
public final class PdfArchiveCheck {

    private static final PDFAFlavour FLAVOUR = PDFAFlavour.PDFA_2_B;

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfArchiveCheck() {
    }

    /** Asserts all three: PDF/A-2b, fonts embedded, no raster images. */
    public static void assertArchivable(byte[] pdf) {
        assertPdfA2b(pdf);
        assertFontsEmbeddedAndNoImages(pdf);
    }

    /** Asserts that veraPDF finds the file PDF/A-2b compliant; the message lists the failed rules. */
    public static void assertPdfA2b(byte[] pdf) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), FLAVOUR);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(FLAVOUR, false)) {
            ValidationResult result = validator.validate(parser);
            if (!result.isCompliant()) {
                throw new AssertionError("not PDF/A-2b, veraPDF failed these rules:\n" + failedRules(result));
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate the file: " + e, e);
        }
    }

    /** Asserts that every font the file uses is embedded and that it holds no raster image. */
    public static void assertFontsEmbeddedAndNoImages(byte[] pdf) {
        List<String> problems = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            int number = 0;
            for (PDPage page : document.getPages()) {
                number++;
                String where = "page " + number;
                inlineImages(page, where, problems);
                resources(page.getResources(), where, seen, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PDF", e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("PDF has " + problems.size() + " problem(s):\n" + String.join("\n", problems));
        }
    }

    private static String failedRules(ValidationResult result) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (TestAssertion assertion : result.getTestAssertions()) {
            if (assertion.getStatus() != TestAssertion.Status.FAILED) {
                continue;
            }
            String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
            counts.merge(rule, 1, Integer::sum);
            descriptions.putIfAbsent(rule, assertion.getMessage()
                    + (assertion.getLocationContext() == null ? "" : " at " + assertion.getLocationContext())
                    + (assertion.getErrorMessage() == null ? "" : " (" + assertion.getErrorMessage() + ")"));
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((rule, count) -> text.append("  ").append(rule).append(" (").append(count).append("x): ")
                .append(descriptions.get(rule)).append('\n'));
        return text.toString();
    }

    private static void resources(PDResources resources, String where, Set<COSBase> seen, List<String> problems)
            throws IOException {
        if (resources == null || !seen.add(resources.getCOSObject())) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font != null && !font.isEmbedded()) {
                problems.add(where + ": font " + font.getName() + " (" + name.getName() + ") is not embedded");
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject xObject = resources.getXObject(name);
            if (xObject instanceof PDImageXObject image) {
                problems.add(where + ": image XObject " + name.getName() + " (" + image.getWidth() + "x"
                        + image.getHeight() + ")");
            } else if (xObject instanceof PDFormXObject form && seen.add(form.getCOSObject())) {
                String inner = where + ", form " + name.getName();
                inlineImages(form, inner, problems);
                resources(form.getResources(), inner, seen, problems);
            }
        }
        for (COSName name : resources.getPatternNames()) {
            PDAbstractPattern pattern = resources.getPattern(name);
            if (pattern instanceof PDTilingPattern tiling) {
                resources(tiling.getResources(), where + ", pattern " + name.getName(), seen, problems);
            }
        }
        for (COSName name : resources.getExtGStateNames()) {
            COSBase softMask = resources.getExtGState(name).getCOSObject().getDictionaryObject(COSName.SMASK);
            if (softMask instanceof COSDictionary mask && mask.getDictionaryObject(COSName.G) instanceof COSStream group) {
                PDFormXObject form = new PDFormXObject(group);
                resources(form.getResources(), where + ", soft mask of " + name.getName(), seen, problems);
            }
        }
    }

    private static void inlineImages(PDContentStream stream, String where, List<String> problems) throws IOException {
        for (Object token : new PDFStreamParser(stream).parse()) {
            if (token instanceof Operator operator && "BI".equals(operator.getName())) {
                problems.add(where + ": inline image");
                return;
            }
        }
    }
}
