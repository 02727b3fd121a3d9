package dev.switchboard.bringup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and how to connect.
 *
 * @param user             remote login name
 * @param host             host name or address
 * @param port             SSH port
 * @param identities       private key files to offer, in order (OpenSSH or PEM format)
 * @param explicitIdentity whether the operator named the key ({@code --identity}); then the tunnel command names it too
 * @param knownHosts       OpenSSH known_hosts file the host key is checked against
 * @param acceptNewHostKey accept and record a host key never seen before (OpenSSH's {@code accept-new}); a key that
 *                         differs from the recorded one is refused regardless
 * @param connectTimeout   bound on connecting and authenticating
 */
public record SshTarget(String user, String host, int port, List<Path> identities, boolean explicitIdentity,
                        Path knownHosts, boolean acceptNewHostKey, Duration connectTimeout) {

    public SshTarget {
        if (user.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("--host must be user@host (got '" + user + "@" + host + "')");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1..65535 (got " + port + ")");
        }
        identities = List.copyOf(identities);
    }

    /** {@code user@host} as ssh takes it. */
    public String destination() {
        return user + "@" + host;
    }
}
