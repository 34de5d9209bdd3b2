package io.steward.engine.label;

import io.steward.tenancy.store.Page;

/** A page found with filter rules, and how many rows the rules left out of the whole list (null without rules). */
public record Searched<T>(Page<T> page, Long filtered) {
}
