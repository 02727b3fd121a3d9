package dev.switchboard.bringup;

import java.nio.file.Path;

/**
 * What the operator pastes after a bring-up: the provider (and a model group using it) for the routing YAML, and the
 * SSH tunnel that makes the remote loopback port reachable from the router's host.
 */
final class ProviderSnippet {

    private ProviderSnippet() {
    }

    /** The routing YAML fragment; keys as the router's configuration spells them. */
    static String yaml(BringUpOptions options) {
        String served = yamlScalar(options.servedModel());
        return """
                switchboard:
                  providers:
                    %1$s:
                      base_url: http://127.0.0.1:%2$d/v1
                      dialect: openai-chat
                      auth_scheme: none
                      models:
                        %3$s:
                          model: %3$s
                  model_groups:
                    %3$s:
                      strategy: weighted
                      targets:
                        - provider: %1$s
                          model_ref: %3$s
                          weight: 100
                """.formatted(options.providerName(), options.localPort(), served);
    }

    /** The tunnel from the router's host: local port to the remote vLLM port, on the remote's loopback. */
    static String tunnel(BringUpOptions options) {
        SshTarget ssh = options.ssh();
        StringBuilder command = new StringBuilder("ssh -p ").append(ssh.port());
        if (ssh.explicitIdentity()) {
            Path key = ssh.identities().getFirst();
            command.append(" -i ").append(RemoteCommand.quote(key.toString()));
        }
        String remote = options.probeHost().contains(":") ? "[" + options.probeHost() + "]" : options.probeHost();
        command.append(" -N -L ").append(options.localPort()).append(':').append(remote).append(':')
                .append(options.vllmPort()).append(' ').append(ssh.destination());
        return command.toString();
    }

    /** Both, as printed at the end of a run (and of a dry run). */
    static String render(BringUpOptions options) {
        return "# Routing YAML (merge into the switchboard section of your routing file):\n"
                + yaml(options)
                + "\n# Tunnel from the router's host (keep it running, e.g. under systemd or autossh):\n"
                + tunnel(options) + "\n";
    }

    private static String yamlScalar(String value) {
        return value.matches("[A-Za-z0-9_.-]+") && !value.matches("(?i)true|false|null|yes|no|on|off|[0-9.eE+-]+")
                ? value
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
