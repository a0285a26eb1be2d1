package org.civic311.support;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.stream.Collectors;

/** The published Open311 GeoReport v2 JSON Schemas (open311/schema-validation), as shipped in the test resources. */
public final class Open311Schemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private Open311Schemas() {}

    /** The validation errors of a JSON document against one of the schemas, e.g. {@code requests.json}. */
    public static Set<String> errors(String schema, String json) {
        JsonSchema validator = FACTORY.getSchema(SchemaLocation.of("classpath:open311-schemas/" + schema));
        Set<ValidationMessage> messages = validator.validate(json, com.networknt.schema.InputFormat.JSON);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
