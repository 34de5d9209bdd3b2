package io.steward.tenancy.member;

import io.steward.tenancy.error.AccessDeniedException;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.support.TenancyContext;
import io.steward.tenancy.tenant.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Memberships: a user's role in a tenant, added, changed and removed by sys_admin only, for a tenant and a user that
 * exist; what the security filter reads for each request's {@code Tenant} header follows at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembershipsTest {
    private TenancyContext context;
    private MembershipService memberships;
    private TenantService tenants;
    private UserService users;

    @BeforeAll
    void start() {
        context = new TenancyContext();
        memberships = context.bean(MembershipService.class);
        tenants = context.bean(TenantService.class);
        users = context.bean(UserService.class);
        tenants.createUnchecked("acme");
        tenants.createUnchecked("other");
        users.createUnchecked("mia", "mia-pw", SystemRole.DEFAULT);
        users.createUnchecked("noah", "noah-pw", SystemRole.DEFAULT);
    }

    @AfterAll
    void close() {
        context.close();
    }

    @Test
    void a_membership_is_added_changed_and_removed() {
        asAdmin(() -> memberships.add("mia", "acme", TenantRole.VIEWER));
        assertThat(tenants.membershipIn("acme", "mia")).contains(Optional.of(TenantRole.VIEWER));
        assertThat(tenants.membershipIn("other", "mia")).as("no role in another tenant").contains(Optional.empty());
        assertThat(asAdmin(() -> users.get("mia")).tenants()).isEqualTo(Map.of("acme", TenantRole.VIEWER));
        asAdmin(() -> memberships.changeRole("mia", "acme", TenantRole.MANAGER));
        assertThat(tenants.membershipIn("acme", "mia")).contains(Optional.of(TenantRole.MANAGER));
        asAdmin(() -> memberships.remove("mia", "acme"));
        assertThat(tenants.membershipIn("acme", "mia")).contains(Optional.empty());
        assertThat(tenants.membershipIn("no-such-tenant", "mia")).isEmpty();
    }

    @Test
    void a_second_membership_in_the_same_tenant_is_a_conflict() {
        asAdmin(() -> memberships.add("noah", "other", TenantRole.USER));
        assertThatThrownBy(() -> asAdmin(() -> memberships.add("noah", "other", TenantRole.MANAGER)))
                .isInstanceOf(ConflictException.class);
        assertThat(tenants.membershipIn("other", "noah")).contains(Optional.of(TenantRole.USER));
    }

    @Test
    void memberships_name_a_tenant_and_a_user_that_exist() {
        assertThatThrownBy(() -> asAdmin(() -> memberships.add("mia", "nowhere", TenantRole.USER)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> asAdmin(() -> memberships.add("nobody", "acme", TenantRole.USER)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> asAdmin(() -> memberships.changeRole("mia", "other", TenantRole.USER)))
                .as("mia is no member of other").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> asAdmin(() -> memberships.remove("mia", "other")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void only_sys_admin_manages_memberships_even_a_tenant_manager_does_not() {
        Caller manager = TenancyContext.member("mgr", "acme", TenantRole.MANAGER);
        try (var bound = CallerScope.bind(manager)) {
            assertThatThrownBy(() -> memberships.add("noah", "acme", TenantRole.USER))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> memberships.changeRole("noah", "other", TenantRole.MANAGER))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> memberships.remove("noah", "other")).isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> memberships.add("noah", "acme", TenantRole.USER))
                .as("with nothing bound").isInstanceOf(AccessDeniedException.class);
        assertThat(tenants.membershipIn("acme", "noah")).contains(Optional.empty());
    }

    @Test
    void the_first_start_makes_admin_a_manager_of_the_default_tenant() {
        assertThat(tenants.membershipIn(TenantService.DEFAULT_TENANT, UserService.ADMIN))
                .contains(Optional.of(TenantRole.MANAGER));
    }

    private static void asAdmin(Runnable work) {
        try (var bound = CallerScope.bind(TenancyContext.sysAdmin())) {
            work.run();
        }
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> work) {
        try (var bound = CallerScope.bind(TenancyContext.sysAdmin())) {
            return work.get();
        }
    }
}
