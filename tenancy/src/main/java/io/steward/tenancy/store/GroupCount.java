package io.steward.tenancy.store;

import java.util.List;

/** The number of rows sharing one combination of values of the grouped columns, in their order. */
public record GroupCount(List<Object> values, long count) {
}
