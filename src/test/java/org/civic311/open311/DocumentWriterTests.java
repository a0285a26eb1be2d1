package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DocumentWriterTests {

    @Test
    void aCharacterXmlForbidsNeverMakesTheDocumentUnreadable() throws Exception {
        String stored = "Tags\uFFFF on the bin\uDC00, \u0001again";
        byte[] written = new DocumentWriter(JsonMapper.builder().build())
                .write(new Document("service_requests", List.of(Map.of("description", stored))), Format.XML);
        var parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(written));
        assertThat(parsed.getElementsByTagName("description").item(0).getTextContent())
                .isEqualTo("Tags\uFFFD on the bin\uFFFD, \uFFFDagain");
        assertThat(DocumentWriter.xmlCharacters("Plain text, é and 🕳️")).isEqualTo("Plain text, é and 🕳️");
    }
}
