package io.steward.engine.runner;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.steward.engine.operation.JsonCodec;
import io.steward.engine.operation.OperationRunner;
import io.steward.engine.storage.JsonColumns;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/** The one operation runner, with the engine's JSON and kill grace period. */
@Factory
class OperationRunnerFactory {
    @Singleton
    OperationRunner operationRunner(JsonColumns json, BlueprintFiles files,
                                    @Value("${steward.engine.kill-grace:5s}") Duration killGrace) {
        JsonCodec codec = new JsonCodec() {
            @Override
            public String write(Object value) {
                return json.write(value);
            }

            @Override
            public Map<String, Object> readMap(String text) {
                return json.readMap(text);
            }

            @Override
            public Object read(String text) {
                return json.readValue(text);
            }
        };
        return new OperationRunner(codec, killGrace, files.workRoot().resolve("operations"));
    }
}
