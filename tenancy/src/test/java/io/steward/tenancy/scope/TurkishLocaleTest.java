package io.steward.tenancy.scope;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers derived from enum names keep their spelling whatever the JVM's default locale: in Turkish,
 * {@code "I".toLowerCase()} is a dotless {@code "ı"}, which would turn {@code private} into {@code prıvate} and
 * make every private record look like an unknown visibility.
 */
class TurkishLocaleTest {
    private Locale before;

    @BeforeEach
    void turkishDefaultLocale() {
        before = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void visibility_wire_values_survive_a_turkish_default_locale() {
        assertThat("PRIVATE".toLowerCase()).as("the locale is Turkish").isEqualTo("prıvate");
        assertThat(Visibility.PRIVATE.wire()).isEqualTo("private");
        assertThat(Visibility.of("private")).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void permission_action_names_survive_a_turkish_default_locale() {
        assertThat(Permission.EXECUTION_LIST.action()).isEqualTo("execution_list");
        assertThat(Permission.ADMINISTRATORS.action()).isEqualTo("administrators");
    }
}
