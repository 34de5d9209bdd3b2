package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's own endpoints, with the requests Cloudify's Python client sends (captured against a running server
 * with cloudify-common's {@code cloudify_rest_client}): {@code /config}, {@code /api/version}, {@code /status},
 * {@code /ok} and the cluster inventory.
 */
abstract class AbstractManagerApiTest extends ApiTestBase {

    @Test
    void config_is_a_list_of_config_items_with_the_clients_upload_limits_at_the_top_level() {
        var response = admin.get("/api/v3.1/config?scope=rest");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.json();
        assertThat(body).containsEntry("metadata", Map.of()).doesNotContainKey("authorization");
        // The client's upload does body.get("blueprint_folder_max_size_mb", {}).get("value", 50): an object or nothing.
        assertThat(((Map<?, ?>) body.get("blueprint_folder_max_size_mb")).get("value"))
                .satisfies(v -> assertThat(((Number) v).doubleValue()).isEqualTo(50.0));
        assertThat(body.get("blueprint_folder_max_files")).isEqualTo(Map.of("value", 10000));
        Map<String, Object> pageSize = item(body, "default_page_size");
        assertThat(pageSize).containsEntry("value", 1000).containsEntry("scope", "rest")
                .containsEntry("is_editable", false).containsEntry("admin_only", false)
                .containsEntry("updated_at", null).containsEntry("updater_name", null)
                .containsEntry("schema", Map.of("type", "integer", "minimum", 1));
        assertThat(items(body)).extracting(i -> i.get("name")).contains("blueprint_folder_max_size_mb",
                "blueprint_folder_max_files", "max_concurrent_workflows", "failed_logins_before_account_lock");
    }

    @Test
    void config_without_a_scope_adds_the_authorization_roles_and_permissions() {
        Map<String, Object> body = admin.get("/api/v3.1/config").json();
        assertThat(items(body)).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> authorization = (Map<String, Object>) body.get("authorization");
        List<Object> roles = ((List<?>) authorization.get("roles")).stream().map(r -> ((Map<?, ?>) r).get("name"))
                .map(Object.class::cast).toList();
        assertThat(roles).contains("sys_admin", "manager", "viewer");
        assertThat(((Map<?, ?>) authorization.get("permissions")).get("execution_start"))
                .isEqualTo(List.of("sys_admin", "manager", "user", "operations"));
    }

    @Test
    void the_config_scope_filter_is_exact() {
        Map<String, Object> workflow = admin.get("/api/v3.1/config?scope=workflow").json();
        assertThat(items(workflow)).isEmpty();
        assertThat(workflow).doesNotContainKey("authorization").doesNotContainKey("blueprint_folder_max_files");
        Map<String, Object> authorization = admin.get("/api/v3.1/config?scope=authorization").json();
        assertThat(items(authorization)).isEmpty();
        assertThat(authorization).containsKey("authorization");
    }

    @Test
    void one_config_item_is_found_by_name_or_by_scope_dot_name() {
        var byName = admin.get("/api/v3.1/config/blueprint_folder_max_size_mb");
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json()).containsEntry("name", "blueprint_folder_max_size_mb").containsEntry("scope", "rest");
        assertThat(admin.get("/api/v3.1/config/rest.blueprint_folder_max_size_mb").json()).isEqualTo(byName.json());
        var unknown = admin.get("/api/v3.1/config/no_such_setting");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("not_found_error");
        assertThat(admin.get("/api/v3.1/config/workflow.blueprint_folder_max_size_mb").status()).isEqualTo(404);
    }

    @Test
    void an_administrator_changes_a_blueprint_folder_limit_for_every_reader() {
        var put = admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", "3", "force", false));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).containsEntry("name", "blueprint_folder_max_files").containsEntry("value", 3)
                .containsEntry("updater_name", "admin");
        assertThat(put.json().get("updated_at")).isNotNull();
        Api viewer = newMember(newTenant(), "viewer");
        Map<String, Object> seen = viewer.get("/api/v3.1/config?scope=rest").json();
        assertThat(item(seen, "blueprint_folder_max_files")).containsEntry("value", 3);
        assertThat(seen.get("blueprint_folder_max_files")).isEqualTo(Map.of("value", 3));
        // A number schema stores a float, as Cloudify does.
        var size = admin.put("/api/v3.1/config/rest.blueprint_folder_max_size_mb", Map.of("value", 20));
        assertThat(size.json()).containsEntry("value", 20.0);
        admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", 10000));
        admin.put("/api/v3.1/config/blueprint_folder_max_size_mb", Map.of("value", 50));
    }

    @Test
    void only_an_administrator_changes_config() {
        Api manager = newMember(newTenant(), "manager");
        assertThat(manager.get("/api/v3.1/config").status()).isEqualTo(200);
        var refused = manager.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", 5));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden_error");
        assertThat(item(admin.get("/api/v3.1/config").json(), "blueprint_folder_max_files"))
                .containsEntry("value", 10000);
    }

    @Test
    void config_changes_that_break_the_rules_answer_cloudifys_errors() {
        var notEditable = admin.put("/api/v3.1/config/default_page_size", Map.of("value", 5));
        assertThat(notEditable.status()).isEqualTo(409);
        assertThat(notEditable.errorCode()).isEqualTo("conflict_error");
        assertThat(notEditable.json().get("message")).isEqualTo("default_page_size is not editable");
        var forced = admin.put("/api/v3.1/config/max_concurrent_workflows", Map.of("value", 5, "force", true));
        assertThat(forced.status()).isEqualTo(409);
        assertThat(forced.errorCode()).isEqualTo("conflict_error");
        var belowMinimum = admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", -1));
        assertThat(belowMinimum.status()).isEqualTo(409);
        assertThat(belowMinimum.errorCode()).isEqualTo("conflict_error");
        assertThat((String) belowMinimum.json().get("message"))
                .startsWith("Error validating blueprint_folder_max_files");
        var notANumber = admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", "many"));
        assertThat(notANumber.status()).isEqualTo(409);
        assertThat(notANumber.errorCode()).isEqualTo("conflict_error");
        var fraction = admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("value", 2.5));
        assertThat(fraction.status()).isEqualTo(409);
        var noValue = admin.put("/api/v3.1/config/blueprint_folder_max_files", Map.of("force", false));
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.errorCode()).isEqualTo("bad_parameters_error");
        var unknown = admin.put("/api/v3.1/config/no_such_setting", Map.of("value", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("not_found_error");
        assertThat(item(admin.get("/api/v3.1/config").json(), "blueprint_folder_max_files"))
                .containsEntry("value", 10000);
    }

    @Test
    void the_version_answers_unversioned_and_under_the_api_prefix() {
        var unversioned = admin.get("/api/version");
        assertThat(unversioned.status()).isEqualTo(200);
        assertThat(unversioned.json()).containsEntry("edition", "community").containsKeys("version",
                "distribution", "distro_release", "build", "date", "commit").doesNotContainKey("api_version");
        assertThat(unversioned.json().get("version")).isNotEqualTo("unknown");
        assertThat(admin.get("/api/v3.1/version").json()).isEqualTo(unversioned.json());
        assertThat(server.api().get("/api/version").status()).isEqualTo(401);
    }

    @Test
    void ok_answers_anyone_while_the_database_is_reachable() {
        var ok = server.api().get("/api/v3.1/ok");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("\"OK\"");
    }

    @Test
    void status_lists_the_services_this_manager_consists_of() {
        Map<String, Object> status = newMember(newTenant(), "viewer").get("/api/v3.1/status").json();
        assertThat(status).containsEntry("status", "OK");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) status.get("services");
        assertThat(services).containsKeys("Manager Rest-Service", "Management Worker");
        assertThat(services.values()).allSatisfy(s -> assertThat(s).containsEntry("status", "Active")
                .containsKeys("is_remote", "extra_info"));
        assertThat(admin.get("/api/v3.1/status?summary=true").json())
                .isEqualTo(Map.of("status", "OK", "services", Map.of()));
        assertThat(server.api().get("/api/v3.1/status").status()).isEqualTo(401);
    }

    @Test
    void one_server_is_one_manager_with_one_broker_and_one_database_node() {
        List<Map<String, Object>> managers = admin.get("/api/v3.1/managers").items();
        assertThat(managers).hasSize(1);
        Map<String, Object> manager = managers.get(0);
        assertThat(manager.get("id")).isInstanceOf(Integer.class);
        assertThat(manager).containsKeys("hostname", "private_ip", "public_ip", "version", "edition",
                "distribution", "distro_release", "fs_sync_node_id", "networks", "last_seen",
                "status_report_frequency", "ca_cert_content");
        assertThat(admin.get("/api/v3.1/managers?hostname=" + manager.get("hostname")).items()).hasSize(1);
        assertThat(admin.get("/api/v3.1/managers?hostname=no-such-host").items()).isEmpty();
        assertThat(admin.get("/api/v3.1/managers?_include=id,hostname").items().get(0))
                .containsOnlyKeys("id", "hostname");
        List<Map<String, Object>> brokers = admin.get("/api/v3.1/brokers").items();
        List<Map<String, Object>> databases = admin.get("/api/v3.1/db-nodes").items();
        assertThat(brokers).hasSize(1);
        assertThat(databases).hasSize(1);
        assertThat(brokers.get(0)).containsKeys("name", "host", "management_host", "port", "username", "password",
                "params", "networks", "is_external", "ca_cert_content");
        assertThat(databases.get(0)).containsKeys("name", "host", "is_external");
        assertThat(brokers.get(0).get("host")).isEqualTo(databases.get(0).get("host"));
    }

    @Test
    void cluster_status_reports_this_server_and_its_database() {
        var response = admin.get("/api/v3.1/cluster-status");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("status", "OK");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) response.json().get("services");
        assertThat(services).containsOnlyKeys("manager", "db", "broker");
        assertThat((Map<?, ?>) services.get("manager").get("nodes")).hasSize(1);
        assertThat(admin.get("/api/v3.1/cluster-status?summary=true").json())
                .isEqualTo(Map.of("status", "OK", "services", Map.of()));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    static Map<String, Object> item(Map<String, Object> body, String name) {
        return new HashMap<>(items(body).stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no config item " + name + " in " + body)));
    }
}
