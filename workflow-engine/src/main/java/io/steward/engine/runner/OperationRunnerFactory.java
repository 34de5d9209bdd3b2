package io.steward.engine.runner;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.steward.engine.document.DocumentLimits;
import io.steward.engine.document.JsonExpansion;
import io.steward.engine.operation.JsonCodec;
import io.steward.engine.operation.OperationRunner;
import io.steward.engine.storage.JsonColumns;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The one operation runner, with the engine's JSON and kill grace period. What operations return (a command's stdout
 * or files, a script's results, an HTTP response) is the user's to shape, so it is held to the {@link DocumentLimits}
 * before it is parsed, like any document from a user.
 */
@Factory
class OperationRunnerFactory {
    @Singleton
    OperationRunner operationRunner(JsonColumns json, BlueprintFiles files, DocumentLimits limits,
                                    @Value("${steward.engine.kill-grace:5s}") Duration killGrace) {
        JsonCodec codec = new JsonCodec() {
            @Override
            public String write(Object value) {
                return json.write(value);
            }

            @Override
            public Map<String, Object> readMap(String text) {
                return json.readMap(checked(text, limits));
            }

            @Override
            public Object read(String text) {
                return json.readValue(checked(text, limits));
            }
        };
        return new OperationRunner(codec, killGrace, files.workRoot().resolve("operations"));
    }

    private static String checked(String text, DocumentLimits limits) {
        try {
            JsonExpansion.check(text, limits, "the document");
            return text;
        } catch (IOException e) {
            return text; // Not JSON: parsing it says so, with Jackson's own message.
        }
    }
}
