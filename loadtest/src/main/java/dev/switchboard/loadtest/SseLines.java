package dev.switchboard.loadtest;

import java.util.Arrays;

/**
 * Cuts a server-sent-event stream into events as bytes arrive, however the network splits them. Only {@code data:}
 * fields matter here; several in one event are joined with a newline, as the SSE spec says. One instance per response.
 */
final class SseLines {

    /** Receives each event's data. The array is reused: read it before returning. */
    interface Listener {
        void data(byte[] bytes, int length);
    }

    private final Listener listener;
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;

    SseLines(Listener listener) {
        this.listener = listener;
    }

    /** Feeds the next piece of the body. */
    void feed(byte[] chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                if (lineLength == 0) {
                    line(chunk, start, i - start);
                } else {
                    appendLine(chunk, start, i - start);
                    line(line, 0, lineLength);
                    lineLength = 0;
                }
                start = i + 1;
            }
        }
        if (start < chunk.length) {
            appendLine(chunk, start, chunk.length - start);
        }
    }

    /** The body ended: an event not closed by a blank line still counts. */
    void end() {
        if (lineLength > 0) {
            line(line, 0, lineLength);
            lineLength = 0;
        }
        dispatch();
    }

    private void line(byte[] bytes, int from, int length) {
        if (length > 0 && bytes[from + length - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            dispatch();
        } else if (length >= 5 && bytes[from] == 'd' && bytes[from + 1] == 'a' && bytes[from + 2] == 't'
                && bytes[from + 3] == 'a' && bytes[from + 4] == ':') {
            int skip = length > 5 && bytes[from + 5] == ' ' ? 6 : 5;
            if (hasData) {
                appendData(new byte[] {'\n'}, 0, 1);
            }
            appendData(bytes, from + skip, length - skip);
            hasData = true;
        }
        // other fields (event:, id:, retry:) and comments (":") carry nothing the driver measures
    }

    private void dispatch() {
        if (hasData) {
            listener.data(data, dataLength);
            hasData = false;
            dataLength = 0;
        }
    }

    private void appendLine(byte[] bytes, int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, from, line, lineLength, length);
        lineLength += length;
    }

    private void appendData(byte[] bytes, int from, int length) {
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(bytes, from, data, dataLength, length);
        dataLength += length;
    }
}
