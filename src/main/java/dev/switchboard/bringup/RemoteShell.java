package dev.switchboard.bringup;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs command lines on the host being brought up. {@link SshRemoteShell} is the real one; tests may run a local shell.
 */
public interface RemoteShell extends AutoCloseable {

    /**
     * Runs one command and waits for it, at most {@code timeout}.
     *
     * @return exit code and output; a command that outlives {@code timeout} comes back with {@code timedOut} set
     * @throws IOException when the command could not be started or the connection broke
     */
    CommandResult run(RemoteCommand command, Duration timeout) throws IOException;

    @Override
    void close() throws IOException;
}
