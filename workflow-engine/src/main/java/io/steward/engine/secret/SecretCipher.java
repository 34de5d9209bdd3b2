package io.steward.engine.secret;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts secret values at rest with AES-256-GCM: a random 96-bit nonce per value, the row's tenant and key as
 * associated data (a ciphertext copied to another row does not decrypt), and the id of the key stored beside the
 * value so that rows written under an older key are recognised after a rotation.
 *
 * <p>The key comes from {@code STEWARD_SECRETS_KEY} (base64 of 32 bytes) or else from a key file, generated on first
 * start with owner-only permissions. Only the file's path is ever logged.
 */
@Singleton
public class SecretCipher {
    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;
    private final String keyId;

    SecretCipher(@Value("${steward.secrets.key:}") String configuredKey,
                 @Value("${steward.secrets.key-file:./steward-data/secrets.key}") String keyFile) {
        byte[] raw = configuredKey == null || configuredKey.isBlank() ? fromFile(Path.of(keyFile))
                : decodeKey(configuredKey.strip(), "STEWARD_SECRETS_KEY");
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = idOf(raw);
    }

    /** The encrypted form of {@code clear}: base64 of nonce and ciphertext, bound to {@code tenant} and {@code name}. */
    public Sealed seal(String tenant, String name, String clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(tenant, name));
            byte[] body = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + body.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(body, 0, out, NONCE_BYTES, body.length);
            return new Sealed(keyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The clear value of a sealed one; a row under another key or altered fails loudly, never with garbage. */
    public String open(String tenant, String name, Sealed sealed) {
        if (!keyId.equals(sealed.keyId())) {
            throw new IllegalStateException("Secret `" + name + "` of tenant `" + tenant + "` was encrypted with key "
                    + sealed.keyId() + ", but the configured key is " + keyId);
        }
        byte[] in = Base64.getDecoder().decode(sealed.value());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associated(tenant, name));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret `" + name + "` of tenant `" + tenant + "` does not decrypt", e);
        }
    }

    /** A value as stored: the key's id and base64 of nonce + ciphertext + tag. */
    public record Sealed(String keyId, String value) {
    }

    private static byte[] associated(String tenant, String name) {
        return (tenant + "\n" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** The first 8 bytes of the key's SHA-256, in hex: names the key without revealing it. */
    private static String idOf(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (a 256-bit key), it holds " + raw.length);
        }
        return raw;
    }

    private byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            LOG.info("Secrets are encrypted with the key in {}", file.toAbsolutePath());
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII).strip(), "the key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key file " + file.toAbsolutePath(), e);
        }
    }

    private void generate(Path file) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temporary = Files.createTempFile(dir, ".secrets-key", ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            try {
                // Two servers starting on one data directory: the first file wins, the other server reads it.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return;
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, file);
                return;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        LOG.info("Generated a new secrets key file {}", file.toAbsolutePath());
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
