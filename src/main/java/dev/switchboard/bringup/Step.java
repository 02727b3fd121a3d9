package dev.switchboard.bringup;

import java.util.Optional;

/**
 * One step of a bring-up. Every kind checks before it acts, so running a plan twice changes nothing the second time.
 */
public sealed interface Step {

    /** Short name used in progress lines and failure messages ({@code gpu}, {@code vllm}, {@code service}...). */
    String name();

    /** What the step makes sure of, in words. */
    String purpose();

    /**
     * A requirement the host must already meet; the bring-up does not try to fix it.
     *
     * @param rule what the output must satisfy beyond exit status 0
     * @param hint what to do when the requirement is not met
     */
    record Check(String name, String purpose, RemoteCommand command, OutputRule rule, String hint) implements Step {
    }

    /**
     * A state the bring-up establishes: {@code check} exits 0 when it already holds (then nothing else runs);
     * otherwise {@code action} runs and {@code check} must pass afterwards.
     *
     * @param hint what to do when the action fails
     */
    record Ensure(String name, String purpose, RemoteCommand check, RemoteCommand action, String hint) implements Step {
    }

    /**
     * A condition to wait for: {@code probe} runs every poll interval until it exits 0 and its output satisfies
     * {@code rule}, or the bring-up's time runs out; then {@code diagnostics} runs and its output explains why.
     */
    record Await(String name, String purpose, RemoteCommand probe, OutputRule rule, RemoteCommand diagnostics)
            implements Step {
    }

    /** Judges a successful command's stdout; a problem is a sentence saying what is wrong. */
    @FunctionalInterface
    interface OutputRule {

        /** Accepts any output. */
        OutputRule ANY = stdout -> Optional.empty();

        /** Empty when the output is acceptable, else what is wrong with it. */
        Optional<String> problem(String stdout);
    }
}
