package io.steward.ogc.process;

import io.steward.tenancy.store.FieldLength;

import java.util.List;

/** The longest value each caller input of the OGC tables may have: their column sizes, in one place. */
public final class OgcLengths {
    public static final FieldLength PACKAGE_MEDIA_TYPE = new FieldLength("Content-Type", "ogc_processes",
            "package_media_type", 128);
    public static final FieldLength CALLBACK_ROOT = new FieldLength("base URL (Host header)", "ogc_jobs",
            "callback_root", 2048);

    /** Every length above, for the test that checks them against the schema. */
    public static final List<FieldLength> ALL = List.of(PACKAGE_MEDIA_TYPE, CALLBACK_ROOT);

    private OgcLengths() {
    }
}
