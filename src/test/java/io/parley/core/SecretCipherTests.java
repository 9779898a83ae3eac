package io.parley.core;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTests {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    @Test
    void sealedValuesAreAesGcmWithAFreshNonceAndOpenToThePlaintext() {
        SecretCipher cipher = cipher(KEY);

        String first = cipher.seal("whsec_secret");
        String second = cipher.seal("whsec_secret");

        assertThat(first).startsWith("enc:v1:").doesNotContain("whsec_secret").isNotEqualTo(second);
        assertThat(cipher.open(first)).isEqualTo("whsec_secret");
        assertThat(cipher.needsSealing(first)).isFalse();
        // a legacy plaintext row reads as it is and is to be sealed
        assertThat(cipher.open("plain-old-secret")).isEqualTo("plain-old-secret");
        assertThat(cipher.needsSealing("plain-old-secret")).isTrue();
    }

    @Test
    void aTamperedValueOrTheWrongKeyNeverYieldsAPlaintext() {
        String sealed = cipher(KEY).seal("signing-key");
        char[] chars = sealed.toCharArray();
        chars[chars.length - 3] = chars[chars.length - 3] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> cipher(KEY).open(new String(chars))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher("another key entirely").open(sealed)).hasMessageContaining("previous-encryption-keys");
    }

    @Test
    void aRotatedKeyStillReadsOldValuesAndAsksForThemToBeSealedAgain() {
        String underOld = cipher("the old key").seal("signing-key");
        String underBuiltIn = cipher(null).seal("from-before-a-key");
        SecretCipher rotated = new SecretCipher(new SecretsAtRestProperties(KEY, List.of("the old key")), new MockEnvironment());

        assertThat(rotated.open(underOld)).isEqualTo("signing-key");
        assertThat(rotated.needsSealing(underOld)).isTrue();
        assertThat(rotated.open(underBuiltIn)).as("sealed before any key was configured").isEqualTo("from-before-a-key");
        assertThat(rotated.usesBuiltInKey()).isFalse();
        assertThat(cipher(null).usesBuiltInKey()).isTrue();
    }

    private static SecretCipher cipher(String key) {
        return new SecretCipher(new SecretsAtRestProperties(key, null), new MockEnvironment());
    }
}
