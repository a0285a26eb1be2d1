package org.civic311.open311;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Document} as the specification's XML or JSON, UTF-8 encoded. */
@Component
class DocumentWriter {

    private final JsonMapper json;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    DocumentWriter(JsonMapper json) {
        this.json = json;
    }

    byte[] write(Document document, Format format) {
        return switch (format) {
            case JSON -> json.writeValueAsBytes(document.body());
            case XML -> xml(document);
        };
    }

    private byte[] xml(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer = xml.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("utf-8", "1.0");
            writer.writeCharacters("\n");
            element(writer, document.root(), document.body());
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write Open311 XML", e);
        }
        return out.toByteArray();
    }

    private void element(XMLStreamWriter writer, String name, Object value) throws XMLStreamException {
        writer.writeStartElement(name);
        switch (value) {
            case null -> {}
            case Map<?, ?> fields -> {
                for (Map.Entry<?, ?> field : fields.entrySet()) {
                    element(writer, (String) field.getKey(), field.getValue());
                }
            }
            case List<?> items -> {
                String item = Document.itemName(name);
                for (Object each : items) {
                    element(writer, item, each);
                }
            }
            case Double number ->
                writer.writeCharacters(BigDecimal.valueOf(number).toPlainString());
            default -> writer.writeCharacters(xmlCharacters(value.toString()));
        }
        writer.writeEndElement();
    }

    /**
     * The text with every character XML 1.0 forbids (control characters, lone surrogates, U+FFFE and U+FFFF) replaced
     * by U+FFFD: the writer would put them out as they are, and one such report would make every list that holds it
     * unreadable to an XML client.
     */
    static String xmlCharacters(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.appendCodePoint(allowed ? c : 0xFFFD);
            }
            i += width;
        }
        return clean == null ? text : clean.toString();
    }
}
