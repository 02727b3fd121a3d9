package dev.switchboard.api;

import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: the caller's when it sends a sane one (so routers chained behind each other correlate), else
 * a new random one. A value with other characters or over 128 long is replaced, never echoed.
 */
final class RequestIds {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String of(HttpServerRequest request) {
        String given = request.getHeader("X-Request-Id");
        return given != null && SANE.matcher(given).matches() ? given : generate();
    }

    /** 128 random bits as 32 hex characters: unique enough, and cheaper than {@link java.util.UUID}'s SecureRandom. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }
}
