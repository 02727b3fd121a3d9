package dev.switchboard.bringup;

import dev.switchboard.bringup.RemoteFacts.SupervisorChoice;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code switchboard bringup}: installs and starts vLLM on a GPU host over SSH, waits until it serves, and prints the
 * provider block for the routing YAML and the SSH tunnel to reach it. Run it again at any time: finished steps are
 * skipped. {@code --dry-run} prints every remote command (secrets masked) and contacts nothing.
 *
 * <p>Exit codes: 0 done, 1 a step failed (the message names it), 2 bad options.
 */
@Command(name = "bringup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bring up vLLM on a GPU host over SSH and print the provider block for Switchboard.")
@RegisterForReflection // picocli reads the annotated fields reflectively, also in a native image
public final class BringUpMain implements Callable<Integer> {

    @Option(names = "--host", required = true, paramLabel = "USER@HOST", description = "SSH destination.")
    String host;
    @Option(names = "--port", defaultValue = "22", description = "SSH port (default ${DEFAULT-VALUE}).")
    int sshPort;
    @Option(names = "--identity", paramLabel = "PATH",
            description = "Private key (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, whichever exist).")
    Path identity;
    @Option(names = "--known-hosts", paramLabel = "PATH", description = "known_hosts file (default ~/.ssh/known_hosts).")
    Path knownHosts;
    @Option(names = "--accept-new-host-key",
            description = "Accept and record a host key never seen before; a changed key is refused regardless.")
    boolean acceptNewHostKey;
    @Option(names = "--model", required = true, paramLabel = "HF_ID", description = "Hugging Face model id.")
    String model;
    @Option(names = "--served-model", paramLabel = "NAME", description = "Name vLLM serves it as (default: --model).")
    String servedModel;
    @Option(names = "--vllm-port", defaultValue = "8000", description = "Remote vLLM port (default ${DEFAULT-VALUE}).")
    int vllmPort;
    @Option(names = "--local-port", description = "Local end of the tunnel (default: --vllm-port).")
    Integer localPort;
    @Option(names = "--tp", defaultValue = "1", description = "Tensor-parallel size (default ${DEFAULT-VALUE}).")
    int tensorParallel;
    @Option(names = "--max-model-len", defaultValue = "32768", description = "Context length (default ${DEFAULT-VALUE}).")
    int maxModelLen;
    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Remote address vLLM binds (default ${DEFAULT-VALUE}: reachable through the tunnel only).")
    String bind;
    @Option(names = "--vllm-arg", paramLabel = "ARG", description = "Extra argument for `vllm serve` (repeatable).")
    List<String> vllmArgs = new ArrayList<>();
    @Option(names = "--vllm-package", defaultValue = "vllm", description = "pip requirement (default ${DEFAULT-VALUE}).")
    String vllmPackage;
    @Option(names = "--hf-token-env", defaultValue = "HF_TOKEN", paramLabel = "VAR",
            description = "Local env var holding the Hugging Face token (default ${DEFAULT-VALUE}); never printed.")
    String hfTokenEnv;
    @Option(names = "--venv", defaultValue = "~/switchboard-vllm", description = "Remote virtualenv (default ${DEFAULT-VALUE}).")
    String venv;
    @Option(names = "--supervisor", defaultValue = "auto", paramLabel = "auto|systemd|nohup",
            description = "How vLLM is kept running (default ${DEFAULT-VALUE}: systemd when usable).")
    String supervisor;
    @Option(names = "--provider-name", paramLabel = "NAME", description = "Provider key printed (default vllm_<served>).")
    String providerName;
    @Option(names = "--dry-run", description = "Print the plan and contact nothing.")
    boolean dryRun;
    @Option(names = "--timeout", defaultValue = "1800s", converter = DurationConverter.class,
            description = "Bound on the whole bring-up (default ${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--poll-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "Pause between readiness probes (default ${DEFAULT-VALUE}).")
    Duration pollInterval;
    @Option(names = "--connect-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Bound on connecting and logging in (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    BringUpMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command with the process's environment and standard streams; returns the exit code. */
    public static int run(String... args) {
        return run(args, System.getenv(), System.out, System.err);
    }

    /** Runs the command with the given environment and streams (tests); returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new BringUpMain(env, out, err))
                .setOverwrittenOptionsAllowed(true) // the last occurrence wins, so wrappers can set defaults
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        BringUpOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("bringup: " + e.getMessage());
            return 2;
        }
        String token = env.get(options.hfTokenEnv());
        UnaryOperator<String> mask = token == null || token.isBlank()
                ? UnaryOperator.identity()
                : text -> text == null ? null : text.replace(token, "****");
        BringUpPlan plan = new BringUpPlan(options, token);
        if (options.bindsBeyondLoopback()) {
            err.println("warning: --bind " + options.bind() + " exposes vLLM, which has no API key here, beyond the"
                    + " host's loopback; keep it behind a firewall");
        }
        if (options.dryRun()) {
            out.print(mask.apply(PlanPrinter.print(options, plan, token != null && !token.isBlank())));
            return 0;
        }
        if (token == null || token.isBlank()) {
            err.println("note: $" + options.hfTokenEnv() + " is not set; the model is downloaded without a token");
        }
        try (SshRemoteShell shell = SshRemoteShell.connect(options.ssh())) {
            err.println("[connect] " + options.ssh().destination() + " port " + options.ssh().port());
            BringUpRunner runner = new BringUpRunner(shell, options.timeout(), options.pollInterval(), err, mask);
            RemoteFacts facts = runner.probe(plan.factsProbe(), options.supervisor());
            runner.run(plan.steps(facts));
        } catch (StepFailedException e) {
            err.println(mask.apply(e.getMessage()));
            return 1;
        } catch (java.io.IOException e) {
            err.println("bringup: closing the SSH session failed: " + mask.apply(e.getMessage()));
        }
        out.print(ProviderSnippet.render(options));
        return 0;
    }

    private BringUpOptions options() {
        int at = host.lastIndexOf('@');
        String user = at < 0 ? System.getProperty("user.name") : host.substring(0, at);
        String hostName = at < 0 ? host : host.substring(at + 1);
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> keys = identity != null
                ? List.of(identity)
                : List.of(home.resolve(".ssh/id_ed25519"), home.resolve(".ssh/id_ecdsa"), home.resolve(".ssh/id_rsa"));
        SshTarget ssh = new SshTarget(user, hostName, sshPort, keys, identity != null,
                knownHosts != null ? knownHosts : home.resolve(".ssh/known_hosts"), acceptNewHostKey, connectTimeout);
        String served = servedModel != null ? servedModel : model;
        SupervisorChoice choice = switch (supervisor) {
            case "auto" -> SupervisorChoice.AUTO;
            case "systemd" -> SupervisorChoice.SYSTEMD;
            case "nohup" -> SupervisorChoice.NOHUP;
            default -> throw new IllegalArgumentException("--supervisor must be auto, systemd or nohup");
        };
        return new BringUpOptions(ssh, model, served, vllmPort, localPort != null ? localPort : vllmPort,
                tensorParallel, maxModelLen, bind, vllmArgs, vllmPackage, hfTokenEnv, venv, choice,
                providerName != null ? providerName : BringUpOptions.defaultProviderName(served), dryRun, timeout,
                pollInterval);
    }

    /** Reads {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h}, or ISO-8601 ({@code PT30M}). */
    @RegisterForReflection // picocli instantiates converters reflectively
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SHORT.matcher(value.trim());
            if (!m.matches()) {
                return Duration.parse(value.trim());
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }
}
