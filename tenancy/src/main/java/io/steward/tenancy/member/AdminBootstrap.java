package io.steward.tenancy.member;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.steward.tenancy.tenant.TenantService;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * First start: creates {@code default_tenant} and the {@code admin} user (sys_admin, member of it). The password
 * comes from {@code STEWARD_ADMIN_PASSWORD}; without it a random one is generated and logged once. There is never a
 * fixed default password.
 */
@Context
class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final TenantService tenants;
    private final UserService users;
    private final MembershipService memberships;
    private final String configuredPassword;

    AdminBootstrap(TenantService tenants, UserService users, MembershipService memberships,
                   @Nullable @Value("${steward.admin-password:}") String configuredPassword) {
        this.tenants = tenants;
        this.users = users;
        this.memberships = memberships;
        this.configuredPassword = configuredPassword;
    }

    @PostConstruct
    void createAdminOnFirstStart() {
        if (tenants.find(TenantService.DEFAULT_TENANT).isEmpty()) {
            tenants.createUnchecked(TenantService.DEFAULT_TENANT);
        }
        if (users.exists(UserService.ADMIN)) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        users.createUnchecked(UserService.ADMIN, password, SystemRole.SYS_ADMIN);
        memberships.addUnchecked(UserService.ADMIN, TenantService.DEFAULT_TENANT, TenantRole.MANAGER);
        if (generated) {
            LOG.warn("Created user 'admin' with generated password: {} (shown once; set STEWARD_ADMIN_PASSWORD to"
                    + " choose it on a fresh database)", password);
        } else {
            LOG.info("Created user 'admin' with the password from STEWARD_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
