package dev.switchboard.bringup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs remote commands with this machine's {@code /bin/sh}, to check that the generated shell really works. */
final class LocalShell implements RemoteShell {

    private final Map<String, String> env;

    LocalShell(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public CommandResult run(RemoteCommand command, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command.line());
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(command.stdinBytes());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(-1, out.join(), err.join(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new CommandResult(process.exitValue(), out.join(), err.join(), false);
    }

    @Override
    public void close() {
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
