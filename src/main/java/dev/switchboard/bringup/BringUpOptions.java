package dev.switchboard.bringup;

import dev.switchboard.bringup.RemoteFacts.SupervisorChoice;

import java.time.Duration;
import java.util.List;

/**
 * Everything a bring-up needs to know, validated. Built by {@link BringUpMain} from the command line.
 *
 * @param ssh            where and how to connect
 * @param model          Hugging Face model id to download and serve
 * @param servedModel    the name vLLM reports in {@code /v1/models} (and the router's {@code model} for it)
 * @param vllmPort       port vLLM listens on, on the remote host
 * @param localPort      local end of the SSH tunnel, which the router's {@code base_url} uses
 * @param tensorParallel GPUs per model replica ({@code --tensor-parallel-size})
 * @param maxModelLen    context length vLLM reserves KV cache for
 * @param bind           remote address vLLM binds; loopback keeps it reachable through the tunnel only
 * @param vllmArgs       extra arguments appended to {@code vllm serve}
 * @param vllmPackage    pip requirement for vLLM ({@code vllm}, or pinned: {@code vllm==0.11.0})
 * @param hfTokenEnv     name of the local environment variable holding the Hugging Face token
 * @param venv           remote virtualenv path ({@code ~} is the remote home)
 * @param supervisor     systemd, nohup, or whichever the host allows
 * @param providerName   provider key printed for the routing YAML
 * @param dryRun         print the plan and contact nothing
 * @param timeout        bound on the whole bring-up, installs and downloads included
 * @param pollInterval   pause between readiness probes
 */
public record BringUpOptions(SshTarget ssh, String model, String servedModel, int vllmPort, int localPort,
                             int tensorParallel, int maxModelLen, String bind, List<String> vllmArgs,
                             String vllmPackage, String hfTokenEnv, String venv, SupervisorChoice supervisor,
                             String providerName, boolean dryRun, Duration timeout, Duration pollInterval) {

    public BringUpOptions {
        require(!model.isBlank(), "--model must name a Hugging Face model id");
        require(!servedModel.isBlank(), "--served-model must not be blank");
        require(vllmPort > 0 && vllmPort < 65536, "--vllm-port must be 1..65535");
        require(localPort > 0 && localPort < 65536, "--local-port must be 1..65535");
        require(tensorParallel >= 1, "--tp must be at least 1");
        require(maxModelLen >= 1, "--max-model-len must be positive");
        require(!bind.isBlank(), "--bind must be an address");
        require(!venv.isBlank(), "--venv must be a path");
        require(providerName.matches("[A-Za-z0-9_-]+"), "--provider-name may hold letters, digits, _ and - only");
        require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be positive");
        require(!pollInterval.isNegative() && !pollInterval.isZero(), "--poll-interval must be positive");
        vllmArgs = List.copyOf(vllmArgs);
    }

    /** The provider key derived from a served model name: {@code vllm_} and the name with odd characters as {@code _}. */
    public static String defaultProviderName(String servedModel) {
        return "vllm_" + servedModel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    }

    /** The address to reach vLLM at from the host itself: loopback when it binds every interface. */
    public String probeHost() {
        return switch (bind) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bind;
        };
    }

    /** Whether vLLM would listen beyond the host's loopback (reachable without the tunnel, and without a key). */
    public boolean bindsBeyondLoopback() {
        return !(bind.equals("127.0.0.1") || bind.equals("::1") || bind.equals("localhost"));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
