package io.steward.engine.label;

import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.FilterRule;

import java.time.Instant;
import java.util.List;

/** A saved filter: a named list of filter rules for deployments or blueprints. */
public record SavedFilter(String id, LabelledKind kind, String tenantName, Visibility visibility, String createdBy,
                          Instant createdAt, Instant updatedAt, List<FilterRule> rules) {
}
