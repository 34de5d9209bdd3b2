package io.steward.engine.secret;

import io.steward.tenancy.error.InvalidInputException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The passphrase encryption of Cloudify's secrets export and import ({@code cfy secrets export -p}), so that files
 * move both ways between Cloudify and Steward: the key is PBKDF2-HMAC-SHA256 of the passphrase (salt {@code salt_},
 * 100,000 rounds, 64 bytes), used as Cloudify's 256-bit Fernet variant: a Fernet token (version 0x80, time, IV,
 * AES-CBC ciphertext, HMAC-SHA256) with a 32-byte signing key and a 32-byte AES-256 key. Written on the JDK's own
 * primitives because the Fernet libraries for Java implement the standard 128-bit form only.
 */
public final class ExportPassphrase {
    private static final byte VERSION = (byte) 0x80;
    private static final byte[] SALT = "salt_".getBytes(StandardCharsets.US_ASCII);
    private static final int ROUNDS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] signingKey;
    private final byte[] encryptionKey;

    private ExportPassphrase(byte[] key) {
        this.signingKey = Arrays.copyOfRange(key, 0, 32);
        this.encryptionKey = Arrays.copyOfRange(key, 32, 64);
    }

    /** The key of {@code passphrase}; deriving it costs 100,000 rounds, so a request derives it once. */
    public static ExportPassphrase of(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new InvalidInputException("The passphrase is empty");
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = factory.generateSecret(new PBEKeySpec(passphrase.toCharArray(), SALT, ROUNDS, 512))
                    .getEncoded();
            return new ExportPassphrase(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    public String encrypt(String clear, Instant now) {
        try {
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            ByteBuffer token = ByteBuffer.allocate(1 + 8 + 16 + ciphertext.length + 32);
            token.put(VERSION).putLong(now.getEpochSecond()).put(iv).put(ciphertext);
            token.put(mac(Arrays.copyOf(token.array(), token.position())));
            return Base64.getUrlEncoder().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC is not available", e);
        }
    }

    /** The clear text of {@code token}; a token of another passphrase, or not a token, is refused. */
    public String decrypt(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The value is not an encrypted export value");
        }
        if (raw.length < 1 + 8 + 16 + 16 + 32 || raw[0] != VERSION || (raw.length - 57) % 16 != 0) {
            throw new InvalidInputException("The value is not an encrypted export value");
        }
        byte[] signed = Arrays.copyOf(raw, raw.length - 32);
        byte[] tag = Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        if (!MessageDigest.isEqual(mac(signed), tag)) {
            throw new InvalidInputException("The value cannot be decrypted with this passphrase");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
                    new IvParameterSpec(raw, 9, 16));
            return new String(aes.doFinal(raw, 25, raw.length - 25 - 32), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("The value cannot be decrypted with this passphrase");
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return hmac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
