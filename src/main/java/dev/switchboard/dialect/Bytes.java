package dev.switchboard.dialect;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;

/**
 * Byte searches over relayed buffers, run by Netty on the buffer's own memory. The relay looks at every upstream byte
 * at least once; {@link Buffer#getByte} checks bounds twice per byte (Vert.x's, then Netty's), which made these scans
 * the hottest Java frames of a streamed answer, while {@link ByteBuf#indexOf(int, int, byte)} scans a word at a time.
 */
public final class Bytes {

    private Bytes() {
    }

    /** The index of the first {@code value} in {@code buffer} at or after {@code from}, or -1. */
    public static int indexOf(Buffer buffer, int from, byte value) {
        int length = buffer.length();
        return from >= length ? -1 : byteBuf(buffer).indexOf(from, length, value); // from > to would search backwards
    }

    /** The index of the first occurrence of {@code needle} in {@code buffer}, or -1. */
    public static int indexOf(Buffer buffer, byte[] needle) {
        ByteBuf buf = byteBuf(buffer);
        int last = buffer.length() - needle.length; // the last index a whole match can start at
        for (int i = 0; i <= last; i++) {
            i = buf.indexOf(i, last + 1, needle[0]);
            if (i < 0) {
                return -1;
            }
            if (matches(buf, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code buffer} begins with {@code prefix}. */
    public static boolean startsWith(Buffer buffer, byte[] prefix) {
        if (buffer.length() < prefix.length) {
            return false;
        }
        return matches(byteBuf(buffer), 0, prefix);
    }

    private static boolean matches(ByteBuf buf, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (buf.getByte(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The buffer's memory, without a copy; Vert.x indexes it absolutely, from 0 to {@link Buffer#length()}. The
     * buffers Vert.x hands a handler are unpooled heap memory, so holding on to this needs no reference counting.
     */
    public static ByteBuf byteBuf(Buffer buffer) {
        // Every Vert.x 4 buffer is a BufferImpl; byteBuf() is its memory without the defensive copy of getByteBuf().
        return buffer instanceof BufferImpl impl ? impl.byteBuf() : Unpooled.wrappedBuffer(buffer.getBytes());
    }
}
