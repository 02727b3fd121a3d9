package dev.switchboard.admission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Token handling shared by callers and operators: where a token is read from, and how it is compared. */
public final class Tokens {

    /** One digest per thread: {@link MessageDigest#getInstance} per request took a provider lookup and its locks. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private Tokens() {
    }

    /**
     * The token a request presents: {@code Authorization: Bearer <token>} (OpenAI SDKs) or {@code x-api-key}
     * (Anthropic SDKs); null when it presents none.
     */
    public static String presented(String authorization, String apiKey) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** SHA-256 of the token's UTF-8 bytes. */
    public static byte[] sha256(String token) {
        return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next use
    }

    /** A configured hex hash as bytes. */
    public static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    /** Compares in time independent of where the two differ. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
