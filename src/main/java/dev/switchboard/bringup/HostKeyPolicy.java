package dev.switchboard.bringup;

import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.config.keys.KeyUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Host key checking as OpenSSH does it against {@code known_hosts}: a known key must match; an unknown key is refused
 * unless {@code --accept-new-host-key} (then it is recorded, like {@code StrictHostKeyChecking=accept-new}); a key
 * that differs from the recorded one is always refused. Remembers why a key was refused, for the error message.
 */
final class HostKeyPolicy {

    private final Path knownHosts;
    private final boolean acceptNew;
    private volatile String refusal;

    HostKeyPolicy(Path knownHosts, boolean acceptNew) {
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
    }

    ServerKeyVerifier verifier() throws IOException {
        if (acceptNew && knownHosts.getParent() != null) {
            Files.createDirectories(knownHosts.getParent());
        }
        ServerKeyVerifier unknown = (session, address, key) -> {
            if (acceptNew) {
                return true; // the known-hosts verifier then appends the key to the file
            }
            refusal = "the host key of " + address + " (" + KeyUtils.getFingerPrint(key) + ") is not in "
                    + knownHosts + "; check the fingerprint with the host's owner, then add it (ssh to the host once)"
                    + " or run again with --accept-new-host-key";
            return false;
        };
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(unknown, knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> {
            refusal = "the host key of " + address + " CHANGED: " + knownHosts + " has "
                    + KeyUtils.getFingerPrint(expected) + ", the host offers " + KeyUtils.getFingerPrint(actual)
                    + "; this may be an attack; if the host was reinstalled, remove its line from " + knownHosts;
            return false;
        });
        return verifier;
    }

    /** Why the host key was refused, or {@code null} when it was not. */
    String refusal() {
        return refusal;
    }

    /** How the policy reads in a plan. */
    String describe() {
        return "host key checked against " + knownHosts
                + (acceptNew ? " (an unknown key is accepted and recorded)" : " (an unknown key is refused)");
    }
}
