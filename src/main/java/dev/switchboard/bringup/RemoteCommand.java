package dev.switchboard.bringup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One shell command line for the remote host, with optional bytes for its stdin.
 *
 * <p>Secrets go through {@code stdin} only: a command line is visible to every user of the host in {@code ps}, the
 * process's stdin is not. {@link #toString()} and {@link #display()} never show secret input.
 *
 * @param line         the command line, run by the remote user's shell
 * @param stdin        what to write to the command's stdin, or {@code null} for nothing
 * @param secretStdin  whether {@code stdin} is a secret (masked whenever the command is shown)
 * @param stdinLabel   what the stdin holds, in words, for plans and logs
 */
public record RemoteCommand(String line, String stdin, boolean secretStdin, String stdinLabel) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    /** A command with nothing on its stdin. */
    public static RemoteCommand of(String line) {
        return new RemoteCommand(line, null, false, null);
    }

    /** A command fed non-secret input (a unit file, for instance), shown in full by {@link #display()}. */
    public static RemoteCommand withInput(String line, String stdin, String label) {
        return new RemoteCommand(line, stdin, false, label);
    }

    /** A command fed a secret on stdin; the secret is never shown. */
    public static RemoteCommand withSecretInput(String line, String secret, String label) {
        return new RemoteCommand(line, secret, true, label);
    }

    /** The bytes to write to stdin; empty when there is nothing, so the remote side still sees end-of-file. */
    public byte[] stdinBytes() {
        return stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8);
    }

    /** The command as a plan or a log shows it: the line, and what goes to stdin (masked when secret). */
    public String display() {
        if (stdin == null) {
            return line;
        }
        if (secretStdin) {
            return line + "    # stdin: " + stdinLabel + " (masked)";
        }
        return line + "    # stdin: " + stdinLabel;
    }

    @Override
    public String toString() {
        return display();
    }

    /** Quotes one word for a POSIX shell; words made only of safe characters stay as they are, for readable plans. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes each word and joins them with spaces. */
    public static String join(List<String> words) {
        return words.stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
    }
}
