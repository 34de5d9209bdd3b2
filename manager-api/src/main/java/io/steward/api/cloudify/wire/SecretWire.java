package io.steward.api.cloudify.wire;

import io.steward.engine.secret.Secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a secret looks on the wire, as Cloudify renders it; lists never carry the value. */
public final class SecretWire {
    public static final List<String> FIELDS = List.of("key", "value", "schema", "is_hidden_value", "provider_name",
            "provider_options", "created_at", "updated_at", "tenant_name", "created_by", "visibility",
            "private_resource", "resource_availability");
    public static final List<String> LIST_FIELDS = List.of("key", "created_at", "updated_at", "visibility",
            "resource_availability", "tenant_name", "created_by", "is_hidden_value", "provider_name");

    private SecretWire() {
    }

    /** The secret with {@code value} as the caller may see it (empty for a hidden value of another user). */
    public static Map<String, Object> render(Secret secret, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", secret.key());
        out.put("value", value);
        out.put("schema", null);
        out.put("is_hidden_value", secret.hiddenValue());
        out.put("provider_name", null);
        out.put("provider_options", null);
        out.put("created_at", Timestamps.format(secret.createdAt()));
        out.put("updated_at", Timestamps.format(secret.updatedAt()));
        Ownership.put(out, secret.tenantName(), secret.createdBy(), secret.visibility().wire());
        return out;
    }

    public static Map<String, Object> listItem(Secret secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", secret.key());
        out.put("created_at", Timestamps.format(secret.createdAt()));
        out.put("updated_at", Timestamps.format(secret.updatedAt()));
        out.put("visibility", secret.visibility().wire());
        out.put("resource_availability", secret.visibility().wire());
        out.put("tenant_name", secret.tenantName());
        out.put("created_by", secret.createdBy());
        out.put("is_hidden_value", secret.hiddenValue());
        out.put("provider_name", null);
        return out;
    }

    /** One entry of {@code GET /secrets/share/export}: the clear value, as Cloudify's non-encrypted export. */
    /** One entry of an export; {@code encryptedValue} null: the value in clear. */
    public static Map<String, Object> exported(Secret secret, boolean metadata, String encryptedValue) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", secret.key());
        out.put("value", encryptedValue == null ? secret.value() : encryptedValue);
        out.put("visibility", secret.visibility().wire());
        out.put("tenant_name", secret.tenantName());
        out.put("is_hidden_value", secret.hiddenValue());
        out.put("encrypted", encryptedValue != null);
        out.put("provider", null);
        out.put("provider_options", null);
        if (metadata) {
            out.put("creator", secret.createdBy());
            out.put("created_at", Timestamps.format(secret.createdAt()));
            out.put("updated_at", Timestamps.format(secret.updatedAt()));
        }
        return out;
    }
}
