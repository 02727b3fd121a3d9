package dev.switchboard.bringup;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Executes a plan's steps through a {@link RemoteShell}, in order, stopping at the first failure. All progress goes
 * to {@code log} with secrets masked; every command shares one deadline, so the whole bring-up is bounded.
 */
final class BringUpRunner {

    private static final int TAIL_LINES = 20;

    private final RemoteShell shell;
    private final long deadlineNanos;
    private final Duration pollInterval;
    private final PrintStream log;
    private final UnaryOperator<String> mask;

    BringUpRunner(RemoteShell shell, Duration timeout, Duration pollInterval, PrintStream log,
                  UnaryOperator<String> mask) {
        this.shell = shell;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.pollInterval = pollInterval;
        this.log = log;
        this.mask = mask;
    }

    /** Runs the facts probe and reads its answer. */
    RemoteFacts probe(RemoteCommand probe, RemoteFacts.SupervisorChoice wanted) throws StepFailedException {
        CommandResult result = run("facts", probe);
        if (!result.succeeded()) {
            throw failure("facts", probe, result, "could not probe the host", null);
        }
        try {
            RemoteFacts facts = RemoteFacts.parse(result.stdout(), wanted);
            progress("facts", "user " + facts.user() + ", home " + facts.home() + ", supervisor "
                    + facts.supervisor().name().toLowerCase(java.util.Locale.ROOT) + (facts.sudo() ? " (sudo)" : ""));
            return facts;
        } catch (IllegalArgumentException e) {
            throw new StepFailedException("facts", result.exitCode(), e.getMessage(), null, List.of());
        }
    }

    /** Runs every step; returns normally only when all of them hold. */
    void run(List<Step> steps) throws StepFailedException {
        for (Step step : steps) {
            switch (step) {
                case Step.Check check -> check(check);
                case Step.Ensure ensure -> ensure(ensure);
                case Step.Await await -> await(await);
            }
        }
    }

    private void check(Step.Check check) throws StepFailedException {
        CommandResult result = run(check.name(), check.command());
        if (!result.succeeded()) {
            throw failure(check.name(), check.command(), result, "requirement not met: " + check.purpose(),
                    check.hint());
        }
        Optional<String> problem = check.rule().problem(result.stdout());
        if (problem.isPresent()) {
            throw new StepFailedException(check.name(), result.exitCode(), problem.get(), check.hint(),
                    masked(result.tail(TAIL_LINES)));
        }
        progress(check.name(), firstLine(result.stdout(), check.purpose()));
    }

    private void ensure(Step.Ensure ensure) throws StepFailedException {
        if (run(ensure.name(), ensure.check()).succeeded()) {
            progress(ensure.name(), "already done: " + ensure.purpose());
            return;
        }
        progress(ensure.name(), "working on it: " + ensure.purpose());
        CommandResult action = run(ensure.name(), ensure.action());
        if (!action.succeeded()) {
            throw failure(ensure.name(), ensure.action(), action, "could not make sure that " + ensure.purpose(),
                    ensure.hint());
        }
        CommandResult verify = run(ensure.name(), ensure.check());
        if (!verify.succeeded()) {
            throw failure(ensure.name(), ensure.check(), verify, "the action succeeded but the check still fails",
                    ensure.hint());
        }
        progress(ensure.name(), "done: " + ensure.purpose());
    }

    private void await(Step.Await await) throws StepFailedException {
        String lastProblem = "no answer yet";
        CommandResult result;
        do {
            result = poll(await.name(), await.probe());
            if (result.succeeded()) {
                Optional<String> problem = await.rule().problem(result.stdout());
                if (problem.isEmpty()) {
                    progress(await.name(), "ok: " + await.purpose());
                    return;
                }
                lastProblem = problem.get();
            } else {
                lastProblem = "`" + await.probe().display() + "` " + (result.timedOut() ? "timed out"
                        : "exited " + result.exitCode()) + firstLine(result.stderr(), "")
                        .transform(s -> s.isEmpty() ? "" : ": " + s);
            }
        } while (remaining().compareTo(pollInterval) > 0 && pause(await.name(), pollInterval));
        CommandResult why = runForDiagnostics(await.diagnostics());
        throw new StepFailedException(await.name(), result.exitCode(),
                "gave up waiting until " + await.purpose() + "; last: " + mask.apply(lastProblem),
                "the server log follows; raise --timeout if the model is still loading", masked(why.tail(40)));
    }

    /** One readiness probe; running out of time is an answer here, not a failure. */
    private CommandResult poll(String step, RemoteCommand probe) throws StepFailedException {
        try {
            return shell.run(probe, remaining());
        } catch (IOException e) {
            throw new StepFailedException(step, -1, "could not run `" + mask.apply(probe.display()) + "`: "
                    + mask.apply(String.valueOf(e.getMessage())), "check the SSH connection", List.of());
        }
    }

    private CommandResult run(String step, RemoteCommand command) throws StepFailedException {
        Duration left = remaining();
        if (left.isZero()) {
            throw new StepFailedException(step, -1, "out of time (--timeout) before `"
                    + mask.apply(command.display()) + "`", "raise --timeout", List.of());
        }
        try {
            CommandResult result = shell.run(command, left);
            if (result.timedOut()) {
                throw new StepFailedException(step, -1, "`" + mask.apply(command.display())
                        + "` was still running when --timeout ran out", "raise --timeout",
                        masked(result.tail(TAIL_LINES)));
            }
            return result;
        } catch (IOException e) {
            throw new StepFailedException(step, -1, "could not run `" + mask.apply(command.display()) + "`: "
                    + mask.apply(String.valueOf(e.getMessage())), "check the SSH connection", List.of());
        }
    }

    private CommandResult runForDiagnostics(RemoteCommand command) {
        try {
            return shell.run(command, Duration.ofSeconds(30));
        } catch (IOException e) {
            return new CommandResult(-1, "", "could not read the server log: " + e.getMessage(), false);
        }
    }

    private StepFailedException failure(String step, RemoteCommand command, CommandResult result, String what,
                                        String hint) {
        return new StepFailedException(step, result.exitCode(), what + "; `" + mask.apply(command.display())
                + "` failed", hint, masked(result.tail(TAIL_LINES)));
    }

    private List<String> masked(List<String> lines) {
        return lines.stream().map(mask).toList();
    }

    private void progress(String step, String message) {
        log.println("[" + step + "] " + mask.apply(message));
    }

    private Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private static boolean pause(String step, Duration pause) throws StepFailedException {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(step, -1, "interrupted", null, List.of());
        }
    }

    private static String firstLine(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip().lines().findFirst().orElse(fallback);
    }
}
