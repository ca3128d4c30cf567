package com.nightshift.reporting.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes a rendered report a PDF/A-2b file besides its content (embedded fonts, no transparency
 * tricks): the XMP metadata packet, a document information dictionary that says the same, and an sRGB
 * output intent, so that the colours of the page mean the same in any archive viewer.
 *
 * <p>The metadata records the title, the generation time (creation and modification date), the
 * generator ({@link ReportGenerator}: creator tool and producer), the PDF/A identification (part 2,
 * conformance B), and the report's business date and run id. The last two are not standard XMP
 * properties, so the packet also describes them in a PDF/A extension schema (namespace
 * {@value #NAMESPACE}, prefix {@value #PREFIX}), as PDF/A requires; the information dictionary carries
 * them as the custom keys {@value #BUSINESS_DATE_KEY} and {@value #RUN_ID_KEY}.
 *
 * <p>The packet is written from a fixed template rather than through an XMP library: it has a dozen
 * properties that never change shape, PDFBox itself ships no XMP writer, and the template keeps the
 * bytes stable (no clock, no generated ids). The tests validate it with veraPDF. Stateless and
 * thread-safe.
 */
final class ArchiveMetadata {

    /** The XMP namespace of the report properties. */
    static final String NAMESPACE = "http://ns.nightshift.com/report/1.0/";
    static final String PREFIX = "nsr";
    static final String BUSINESS_DATE_KEY = "BusinessDate";
    static final String RUN_ID_KEY = "RunId";
    /** The output condition of the sRGB intent, as the ICC registry names it. */
    static final String SRGB = "sRGB IEC61966-2.1";

    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ArchiveMetadata() {
    }

    /** Sets the metadata, the information dictionary and the output intent of {@code pdf} for {@code document}. */
    static void apply(PDDocument pdf, ReportDocument document) throws IOException {
        String title = singleLine(document.title());
        String generator = ReportGenerator.CURRENT.label();
        // PDF dates have whole seconds: the XMP date must say the same instant as the dictionary's.
        var created = document.generatedAt().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);

        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(generator);
        info.setProducer(generator);
        info.setCreationDate(GregorianCalendar.from(created));
        info.setModificationDate(GregorianCalendar.from(created));
        info.setCustomMetadataValue(BUSINESS_DATE_KEY, document.businessDate().toString());
        info.setCustomMetadataValue(RUN_ID_KEY, singleLine(document.runId()));

        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        String date = XMP_DATE.format(created);
        byte[] xmp = packet(title, generator, date, document.businessDate().toString(), singleLine(document.runId()))
                .getBytes(StandardCharsets.UTF_8);
        catalog.setMetadata(new PDMetadata(pdf, new ByteArrayInputStream(xmp)));

        PDOutputIntent intent = new PDOutputIntent(pdf, new ByteArrayInputStream(SrgbProfile.BYTES));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);
    }

    /** Control characters (a title's line breaks) become spaces: metadata values are one line, and XML forbids most controls. */
    static String singleLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }

    private static String packet(String title, String generator, String date, String businessDate, String runId) {
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about=""
                    xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
                    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
                    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
                    xmlns:%7$s="%6$s">
                   <dc:format>application/pdf</dc:format>
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%1$s</rdf:li></rdf:Alt></dc:title>
                   <xmp:CreateDate>%3$s</xmp:CreateDate>
                   <xmp:ModifyDate>%3$s</xmp:ModifyDate>
                   <xmp:MetadataDate>%3$s</xmp:MetadataDate>
                   <xmp:CreatorTool>%2$s</xmp:CreatorTool>
                   <pdf:Producer>%2$s</pdf:Producer>
                   <pdfaid:part>2</pdfaid:part>
                   <pdfaid:conformance>B</pdfaid:conformance>
                   <%7$s:businessDate>%4$s</%7$s:businessDate>
                   <%7$s:runId>%5$s</%7$s:runId>
                   <pdfaExtension:schemas>
                    <rdf:Bag>
                     <rdf:li rdf:parseType="Resource">
                      <pdfaSchema:schema>Nightshift report</pdfaSchema:schema>
                      <pdfaSchema:namespaceURI>%6$s</pdfaSchema:namespaceURI>
                      <pdfaSchema:prefix>%7$s</pdfaSchema:prefix>
                      <pdfaSchema:property>
                       <rdf:Seq>
                        <rdf:li rdf:parseType="Resource">
                         <pdfaProperty:name>businessDate</pdfaProperty:name>
                         <pdfaProperty:valueType>Date</pdfaProperty:valueType>
                         <pdfaProperty:category>external</pdfaProperty:category>
                         <pdfaProperty:description>The business date the report is about</pdfaProperty:description>
                        </rdf:li>
                        <rdf:li rdf:parseType="Resource">
                         <pdfaProperty:name>runId</pdfaProperty:name>
                         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                         <pdfaProperty:category>external</pdfaProperty:category>
                         <pdfaProperty:description>The run (job) that produced the report</pdfaProperty:description>
                        </rdf:li>
                       </rdf:Seq>
                      </pdfaSchema:property>
                     </rdf:li>
                    </rdf:Bag>
                   </pdfaExtension:schemas>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(xml(title), xml(generator), date, businessDate, xml(runId), NAMESPACE, PREFIX);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The JDK's sRGB ICC profile, read once. */
    private static final class SrgbProfile {
        static final byte[] BYTES = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }
}
