package io.steward.tenancy.store;

import java.util.List;

/** The longest value each caller input of the tenancy tables may have: their column sizes, in one place. */
public final class TenancyLengths {
    public static final FieldLength TENANT_NAME = new FieldLength("tenant_name", "tenants", "name", 255);
    public static final FieldLength USERNAME = new FieldLength("username", "users", "username", 255);
    public static final FieldLength TOKEN_DESCRIPTION = new FieldLength("description", "api_tokens", "description",
            1024);

    /** Every length above, for the test that checks them against the schema. */
    public static final List<FieldLength> ALL = List.of(TENANT_NAME, USERNAME, TOKEN_DESCRIPTION);

    private TenancyLengths() {
    }
}
