package io.steward.engine.blueprint;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The parser and the input resolver hold no state, so one of each serves the whole engine. */
@Factory
class ParserFactory {
    @Singleton
    BlueprintParser blueprintParser() {
        return new BlueprintParser();
    }

    @Singleton
    InputResolver inputResolver() {
        return new InputResolver();
    }
}
