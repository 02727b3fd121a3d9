package dev.switchboard.bringup;

import java.util.List;

/**
 * A step that could not complete: which one, the command's exit code, what to do, and the tail of the remote
 * output. The message is what the operator reads; secrets are already masked in it.
 */
public final class StepFailedException extends Exception {

    private final String step;
    private final int exitCode;

    /**
     * @param step     the step's name ({@code connect}, {@code gpu}, ...)
     * @param exitCode the failing command's exit code, {@code -1} when there was none
     * @param what     what went wrong, one sentence
     * @param hint     what to do about it, or {@code null}
     * @param output   the last lines of the remote output
     */
    public StepFailedException(String step, int exitCode, String what, String hint, List<String> output) {
        super(message(step, exitCode, what, hint, output));
        this.step = step;
        this.exitCode = exitCode;
    }

    /** The name of the step that failed. */
    public String step() {
        return step;
    }

    /** The exit code of the failing command, {@code -1} when there was none. */
    public int exitCode() {
        return exitCode;
    }

    private static String message(String step, int exitCode, String what, String hint, List<String> output) {
        StringBuilder text = new StringBuilder("bring-up failed at step '").append(step).append("': ").append(what);
        if (exitCode >= 0) {
            text.append(" (exit code ").append(exitCode).append(')');
        }
        if (hint != null) {
            text.append("\n  hint: ").append(hint);
        }
        if (!output.isEmpty()) {
            text.append("\n  remote output (stdout, then stderr; last lines):");
            output.forEach(line -> text.append("\n    | ").append(line));
        }
        return text.toString();
    }
}
