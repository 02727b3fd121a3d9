package dev.switchboard.dialect;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytesTest {

    /** Every search agrees with String's on the same text, including on slices (as the SSE framer hands them on). */
    @Test
    void findsWhatStringIndexOfFindsInWholeBuffersAndInSlices() {
        Random random = new Random(7);
        String alphabet = "ab\"c:\n";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String needle; // half the time taken from the text, so there are matches; else one that may be absent
            if (length > 0 && random.nextBoolean()) {
                int start = random.nextInt(length);
                needle = text.substring(start, Math.min(length, start + 1 + random.nextInt(3)));
            } else {
                needle = random.nextBoolean() ? "\"c:" : "\n\n";
            }
            String padding = "x".repeat(random.nextInt(5));
            Buffer whole = Buffer.buffer(text.toString());
            Buffer slice = Buffer.buffer(padding + text + padding).slice(padding.length(), padding.length() + length);
            byte[] bytes = needle.getBytes(StandardCharsets.US_ASCII);
            int from = length == 0 ? 0 : random.nextInt(length + 1);

            for (Buffer buffer : new Buffer[] {whole, slice}) {
                assertEquals(text.indexOf(needle), Bytes.indexOf(buffer, bytes), text + " / " + needle);
                assertEquals(text.indexOf("\n", from), Bytes.indexOf(buffer, from, (byte) '\n'), text + " from " + from);
                assertEquals(text.toString().startsWith(needle), Bytes.startsWith(buffer, bytes), text + " / " + needle);
            }
        }
    }

    @Test
    void findsNothingPastTheEndOrInAShorterBuffer() {
        Buffer buffer = Buffer.buffer("data: [DONE]\n\n");
        assertEquals(-1, Bytes.indexOf(buffer, buffer.length(), (byte) '\n'));
        assertEquals(-1, Bytes.indexOf(buffer, 100, (byte) '\n'));
        assertEquals(-1, Bytes.indexOf(Buffer.buffer("dat"), "data:".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(Bytes.startsWith(Buffer.buffer("dat"), "data:".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Bytes.startsWith(buffer, "data: [DONE]".getBytes(StandardCharsets.US_ASCII)));
    }
}
