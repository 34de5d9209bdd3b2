package io.steward.tenancy.store;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the number of all records that matched. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total);
    }
}
