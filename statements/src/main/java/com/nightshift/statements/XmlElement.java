package com.nightshift.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One element of a camt.053 document held in memory: its local name, attributes, text and children.
 *
 * <p>The camt.053 reader builds one of these for a single {@code Ntry} (or a statement's header
 * element) at a time and drops it once mapped, so memory follows the largest entry, not the file.
 * Immutable after {@link #read}.
 */
final class XmlElement {

    private final String name;
    private final long line;
    private final Map<String, String> attributes;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlElement(String name, long line, Map<String, String> attributes) {
        this.name = name;
        this.line = line;
        this.attributes = attributes;
    }

    /**
     * Reads the element whose START_ELEMENT the reader is on, up to and including its END_ELEMENT.
     * Comments and processing instructions are skipped.
     */
    static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        XmlElement element = start(reader);
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> element.children.add(read(reader));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        element.text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return element;
                }
                default -> {
                    // comments and processing instructions carry no statement data
                }
            }
        }
    }

    private static XmlElement start(XMLStreamReader reader) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return new XmlElement(reader.getLocalName(), reader.getLocation().getLineNumber(), Map.copyOf(attributes));
    }

    String name() {
        return name;
    }

    /** The line on which the element's start tag was read (StAX location). */
    long line() {
        return line;
    }

    /** The element's own text, stripped. */
    String text() {
        return text.toString().strip();
    }

    Optional<String> attribute(String localName) {
        return Optional.ofNullable(attributes.get(localName));
    }

    /** The first descendant along the path of local names, if there is one. */
    Optional<XmlElement> child(String... path) {
        XmlElement current = this;
        for (String step : path) {
            XmlElement next = null;
            for (XmlElement candidate : current.children) {
                if (candidate.name.equals(step)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** The text of the first descendant along the path, or null if there is none or it is blank. */
    String text(String... path) {
        return child(path).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
    }

    /** Every element reached by the path, in document order, following each branch. */
    List<XmlElement> all(String... path) {
        List<XmlElement> level = List.of(this);
        for (String step : path) {
            List<XmlElement> next = new ArrayList<>();
            for (XmlElement element : level) {
                for (XmlElement candidate : element.children) {
                    if (candidate.name.equals(step)) {
                        next.add(candidate);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    /** Compact XML of this element (no indentation), as the raw text of a row; cut at {@code limit} characters. */
    String toXml(int limit) {
        StringBuilder out = new StringBuilder();
        appendXml(out, limit);
        return out.length() <= limit ? out.toString() : out.substring(0, limit);
    }

    private void appendXml(StringBuilder out, int limit) {
        if (out.length() > limit) {
            return;
        }
        out.append('<').append(name);
        attributes.forEach((key, value) -> out.append(' ').append(key).append("=\"").append(escape(value)).append('"'));
        out.append('>');
        if (children.isEmpty()) {
            out.append(escape(text()));
        }
        for (XmlElement child : children) {
            child.appendXml(out, limit);
        }
        out.append("</").append(name).append('>');
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
