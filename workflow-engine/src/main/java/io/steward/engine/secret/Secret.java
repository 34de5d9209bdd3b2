package io.steward.engine.secret;

import io.steward.tenancy.scope.Visibility;

import java.time.Instant;

/**
 * A secret as a reader may see it. {@code value} is the clear value only when the reader may see it (see
 * {@link SecretService}); otherwise it is empty, and lists never carry it.
 */
public record Secret(String key, String tenantName, Visibility visibility, String createdBy, Instant createdAt,
                     Instant updatedAt, boolean hiddenValue, String value) {

    Secret withValue(String shown) {
        return new Secret(key, tenantName, visibility, createdBy, createdAt, updatedAt, hiddenValue, shown);
    }
}
