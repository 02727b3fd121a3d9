package dev.switchboard.bringup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the vLLM server process is launched and kept alive on the host: a systemd unit where the host allows one,
 * else {@code nohup} with a pid file. Either way the launch is skipped when the same server already runs.
 */
final class VllmService {

    private static final Pattern UNIT_SAFE = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");

    private final BringUpOptions options;
    private final RemoteFacts facts;
    private final String venv;

    VllmService(BringUpOptions options, RemoteFacts facts) {
        this.options = options;
        this.facts = facts;
        this.venv = facts.resolve(options.venv());
    }

    /** One unit per port: a host may serve several models on different ports. */
    String unitName() {
        return "switchboard-vllm-" + options.vllmPort() + ".service";
    }

    String unitPath() {
        return "/etc/systemd/system/" + unitName();
    }

    String pidFile() {
        return venv + "/switchboard/vllm-" + options.vllmPort() + ".pid";
    }

    String logFile() {
        return venv + "/switchboard/vllm-" + options.vllmPort() + ".log";
    }

    /** The server's argument vector; the model is already in the HF cache, so it runs offline. */
    List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(
                venv + "/bin/vllm", "serve", options.model(),
                "--served-model-name", options.servedModel(),
                "--host", options.bind(),
                "--port", Integer.toString(options.vllmPort()),
                "--tensor-parallel-size", Integer.toString(options.tensorParallel()),
                "--max-model-len", Integer.toString(options.maxModelLen())));
        argv.addAll(options.vllmArgs());
        return argv;
    }

    /** The unit file; compared byte for byte with the installed one to decide whether anything changes. */
    String unitFile() {
        String execStart = argv().stream().map(VllmService::unitWord).collect(Collectors.joining(" "));
        return """
                # Written by `switchboard bringup`; running it again rewrites this file.
                [Unit]
                Description=vLLM serving %s for Switchboard
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=simple
                User=%s
                WorkingDirectory=%s
                # The model was downloaded by bringup; offline mode keeps restarts independent of the Hub.
                Environment=HF_HUB_OFFLINE=1
                ExecStart=%s
                Restart=on-failure
                RestartSec=10
                TimeoutStopSec=60
                LimitNOFILE=65536

                [Install]
                WantedBy=multi-user.target
                """.formatted(options.servedModel(), facts.user(), facts.home().replace("%", "%%"), execStart);
    }

    /** The step that starts the server unless it already runs as planned. */
    Step.Ensure step() {
        return switch (facts.supervisor()) {
            case SYSTEMD -> systemdStep();
            case NOHUP -> nohupStep();
        };
    }

    /** Shows why a started server does not answer: the last lines of its log. */
    RemoteCommand diagnostics() {
        return switch (facts.supervisor()) {
            case SYSTEMD -> RemoteCommand.of(facts.privileged() + "journalctl -u " + unitName()
                    + " -n 40 --no-pager; systemctl status " + unitName() + " --no-pager -n 0");
            case NOHUP -> RemoteCommand.of("tail -n 40 " + RemoteCommand.quote(logFile()));
        };
    }

    private Step.Ensure systemdStep() {
        String unit = unitFile();
        String sudo = facts.privileged();
        // Unchanged file and an active unit mean there is nothing to do.
        RemoteCommand check = RemoteCommand.withInput("cmp -s " + unitPath() + " - && systemctl is-active --quiet "
                + unitName(), unit, "the unit file below");
        // restart, not `enable --now`: a changed unit must replace a running server.
        RemoteCommand action = RemoteCommand.withInput(sudo + "tee " + unitPath() + " >/dev/null && "
                + sudo + "systemctl daemon-reload && " + sudo + "systemctl enable " + unitName() + " && "
                + sudo + "systemctl restart " + unitName(), unit, "the unit file below");
        return new Step.Ensure("service", "vLLM runs as systemd unit " + unitName(), check, action,
                "see `journalctl -u " + unitName() + "` on the host");
    }

    private Step.Ensure nohupStep() {
        String pid = RemoteCommand.quote(pidFile());
        RemoteCommand check = RemoteCommand.of("[ -f " + pid + " ] && kill -0 \"$(cat " + pid + ")\" 2>/dev/null");
        // `&` binds to the nohup command alone, so $! is the server's pid (nohup execs it).
        RemoteCommand action = RemoteCommand.of("mkdir -p " + RemoteCommand.quote(venv + "/switchboard") + " || exit 1; "
                + "cd " + RemoteCommand.quote(facts.home()) + " || exit 1; "
                + "HF_HUB_OFFLINE=1 nohup " + RemoteCommand.join(argv()) + " >" + RemoteCommand.quote(logFile())
                + " 2>&1 </dev/null & echo $! >" + pid);
        return new Step.Ensure("service", "vLLM runs under nohup (pid file " + pidFile() + ")", check, action,
                "see " + logFile() + " on the host");
    }

    /** Quotes one word for a unit file's ExecStart: systemd expands % specifiers and $ variables itself. */
    private static String unitWord(String word) {
        String escaped = word.replace("%", "%%").replace("$", "$$");
        if (!escaped.isEmpty() && UNIT_SAFE.matcher(word).matches()) {
            return escaped;
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
