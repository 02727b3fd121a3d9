package dev.switchboard.bringup;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@link RemoteShell} over one SSH session (Apache MINA SSHD client, public-key authentication). Each command runs in
 * its own exec channel; its stdin is written and closed, so the remote side always sees end-of-file.
 *
 * <p>{@code ~/.ssh/config} is not read: the options name host, port, user and key explicitly, so a run does the same
 * wherever it starts. ssh-agent is not used either; an encrypted key asks for its passphrase on the console.
 */
public final class SshRemoteShell implements RemoteShell {

    /** Output beyond this is dropped from the front: failure messages need the tail, and pip is chatty. */
    private static final int MAX_OUTPUT_BYTES = 256 * 1024;

    private final SshClient client;
    private final ClientSession session;

    private SshRemoteShell(SshClient client, ClientSession session) {
        this.client = client;
        this.session = session;
    }

    /** Connects and authenticates; a failure names the {@code connect} step and says what to check. */
    public static SshRemoteShell connect(SshTarget target) throws StepFailedException {
        List<java.nio.file.Path> keys = target.identities().stream().filter(Files::isReadable).toList();
        if (keys.isEmpty()) {
            throw new StepFailedException("connect", -1, "no readable private key among " + target.identities(),
                    "pass --identity PATH", List.of());
        }
        HostKeyPolicy hostKeys = new HostKeyPolicy(target.knownHosts(), target.acceptNewHostKey());
        SshClient client = SshClient.setUpDefaultClient();
        try {
            client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            // Each step is a few small request/response exchanges; Nagle would add a delayed-ACK wait to each.
            CoreModuleProperties.TCP_NODELAY.set(client, true);
            client.setServerKeyVerifier(hostKeys.verifier());
            FileKeyPairProvider identities = new FileKeyPairProvider(keys);
            identities.setPasswordFinder(SshRemoteShell::askPassphrase);
            client.setKeyIdentityProvider(identities);
            client.start();
            ClientSession session = client.connect(target.user(), target.host(), target.port())
                    .verify(target.connectTimeout()).getSession();
            try {
                session.auth().verify(target.connectTimeout());
            } catch (IOException e) {
                session.close(true);
                throw e;
            }
            return new SshRemoteShell(client, session);
        } catch (IOException | RuntimeException e) {
            client.stop();
            String refusal = hostKeys.refusal();
            if (refusal != null) {
                throw new StepFailedException("connect", -1, refusal, null, List.of());
            }
            throw new StepFailedException("connect", -1, "could not log in to " + target.destination() + " port "
                    + target.port() + ": " + e.getMessage(),
                    "check the address, the port, and that the public key of " + keys + " is in the remote user's"
                            + " ~/.ssh/authorized_keys", List.of());
        }
    }

    @Override
    public CommandResult run(RemoteCommand command, Duration timeout) throws IOException {
        // SSHD reads a zero timeout as "wait forever"; an exhausted deadline must mean "no time" instead.
        long millis = Math.max(1, timeout.toMillis());
        TailBuffer out = new TailBuffer();
        TailBuffer err = new TailBuffer();
        try (ChannelExec channel = session.createExecChannel(command.line())) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(millis);
            // Write stdin ourselves and close it (sends EOF) instead of letting SSHD pump an InputStream.
            try (OutputStream stdin = channel.getInvertedIn()) {
                stdin.write(command.stdinBytes());
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), millis);
            boolean timedOut = events.contains(ClientChannelEvent.TIMEOUT);
            Integer status = channel.getExitStatus();
            return new CommandResult(status == null ? -1 : status, out.text(), err.text(), timedOut);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } finally {
            client.stop();
        }
    }

    private static String askPassphrase(org.apache.sshd.common.session.SessionContext session,
                                        org.apache.sshd.common.NamedResource key, int retry) throws IOException {
        Console console = System.console();
        if (console == null || retry > 2) {
            throw new IOException("key " + key.getName() + " is encrypted and there is no console to ask for its"
                    + " passphrase; use an unencrypted deploy key");
        }
        char[] secret = console.readPassword("passphrase for %s: ", key.getName());
        return secret == null ? null : new String(secret);
    }

    /** Keeps the last {@link #MAX_OUTPUT_BYTES} or so of a stream. */
    private static final class TailBuffer extends OutputStream {
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            trim();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            trim();
        }

        private void trim() {
            if (bytes.size() > 2 * MAX_OUTPUT_BYTES) {
                byte[] all = bytes.toByteArray();
                bytes = new ByteArrayOutputStream();
                bytes.write(all, all.length - MAX_OUTPUT_BYTES, MAX_OUTPUT_BYTES);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
