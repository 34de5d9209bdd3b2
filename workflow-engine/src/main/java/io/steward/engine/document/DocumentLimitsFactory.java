package io.steward.engine.document;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

/** The limits from the settings, one instance for every parser of the server. */
@Factory
class DocumentLimitsFactory {
    @Singleton
    DocumentLimits documentLimits(
            @Value("${" + DocumentLimits.MAX_NODES_SETTING + ":200000}") long maxNodes,
            @ReadableBytes @Value("${" + DocumentLimits.MAX_SIZE_SETTING + ":10MB}") long maxSize) {
        return new DocumentLimits(maxNodes, maxSize);
    }
}
