package io.steward.api.security;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** steward.http.trusted-proxies takes IP literals and CIDR ranges; anything else stops the start with a clear message. */
class TrustedProxiesTest {

    @Test
    void addresses_and_ranges_of_both_families_are_accepted() {
        assertThatCode(() -> new TrustedProxies(List.of("127.0.0.1", " 10.0.0.0/8", "::1", "fd00::/8", "")))
                .doesNotThrowAnyException();
    }

    @Test
    void host_names_and_bad_prefixes_are_refused_by_name() {
        for (String entry : List.of("proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "10.0.0.0/-1")) {
            assertThatThrownBy(() -> new TrustedProxies(List.of(entry))).as(entry)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("steward.http.trusted-proxies: `" + entry + "` is not an IP address");
        }
    }
}
