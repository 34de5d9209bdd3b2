package io.steward.engine.label;

import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.store.FieldLength;

/** The resources that carry labels, each with its own table and the column naming the labelled row. */
public enum LabelledKind {
    DEPLOYMENT("deployment_labels", "deployment_id", EngineLengths.DEPLOYMENT_LABEL_KEY,
            EngineLengths.DEPLOYMENT_LABEL_VALUE),
    BLUEPRINT("blueprint_labels", "blueprint_id", EngineLengths.BLUEPRINT_LABEL_KEY,
            EngineLengths.BLUEPRINT_LABEL_VALUE);

    final String table;
    final String resourceColumn;
    final FieldLength keyLength;
    final FieldLength valueLength;

    LabelledKind(String table, String resourceColumn, FieldLength keyLength, FieldLength valueLength) {
        this.table = table;
        this.resourceColumn = resourceColumn;
        this.keyLength = keyLength;
        this.valueLength = valueLength;
    }
}
