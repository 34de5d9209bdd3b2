package io.steward.engine.blueprint;

import io.micronaut.context.annotation.Factory;
import io.steward.engine.document.DocumentLimits;
import jakarta.inject.Singleton;

/** The parser and the input resolver hold no state, so one of each serves the whole engine. */
@Factory
class ParserFactory {
    @Singleton
    BlueprintParser blueprintParser(DocumentLimits limits) {
        return new BlueprintParser(limits);
    }

    @Singleton
    InputResolver inputResolver() {
        return new InputResolver();
    }
}
