package dev.switchboard.bringup;

import java.util.ArrayList;
import java.util.List;

/**
 * What a remote command returned.
 *
 * @param exitCode the command's exit status; {@code -1} when none arrived (timed out, channel lost)
 * @param stdout   what it wrote to stdout (the tail, when it wrote a lot)
 * @param stderr   what it wrote to stderr (the tail, when it wrote a lot)
 * @param timedOut whether the command was abandoned because its time ran out
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    /** Whether the command ran to completion and exited 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** The last {@code lines} lines of stdout followed by the last {@code lines} lines of stderr. */
    public List<String> tail(int lines) {
        List<String> out = new ArrayList<>();
        out.addAll(lastLines(stdout, lines));
        out.addAll(lastLines(stderr, lines));
        return out;
    }

    private static List<String> lastLines(String text, int n) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> all = text.strip().lines().toList();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
