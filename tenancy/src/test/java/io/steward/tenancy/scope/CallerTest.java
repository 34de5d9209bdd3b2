package io.steward.tenancy.scope;

import io.steward.tenancy.member.SystemRole;
import io.steward.tenancy.member.TenantRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    @Test
    void the_bearer_token_is_kept_but_never_shown() {
        Caller caller = new Caller("alice", SystemRole.DEFAULT, "t1", TenantRole.USER, "eyJ.secret.sig");
        assertThat(caller.bearerToken()).isEqualTo("eyJ.secret.sig");
        assertThat(caller.toString()).doesNotContain("secret").contains("bearerToken=****").contains("alice");
        assertThat(new Caller("bob", SystemRole.DEFAULT, null, null).toString()).contains("bearerToken=none");
    }
}
