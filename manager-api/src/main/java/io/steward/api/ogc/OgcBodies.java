package io.steward.api.ogc;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.DocumentTooLargeException;
import io.steward.engine.document.JsonExpansion;
import io.steward.ogc.process.ProcessException;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Parses OGC request bodies itself, so a malformed one is an OGC {@code InvalidParameterValue}, never a 500,
 * and one over the {@link DocumentLimits} is refused before it is built. */
@Singleton
class OgcBodies {
    private final JsonMapper json;
    private final DocumentLimits limits;

    OgcBodies(JsonMapper json, DocumentLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    Object parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProcessException.invalidInput("The request body is empty; a JSON object is expected");
        }
        try {
            JsonExpansion.check(body, limits, "The request body");
            return json.readValue(body, Argument.OBJECT_ARGUMENT);
        } catch (DocumentTooLargeException e) {
            throw ProcessException.invalidInput(e.getMessage());
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            int location = message.indexOf("\n at [Source");
            throw ProcessException.invalidInput("The request body is not valid JSON: "
                    + (location < 0 ? message : message.substring(0, location)));
        }
    }

    JsonMapper mapper() {
        return json;
    }
}
