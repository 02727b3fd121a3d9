package dev.switchboard.bringup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns options into the ordered steps of a bring-up. Pure: it contacts nothing, so a dry run prints exactly what a
 * real run would do (apart from facts only the host can tell, which {@link RemoteFacts#assumed} stands in for).
 *
 * <p>Order: host facts, GPU, python, curl, virtualenv, vLLM, model, service, health, served model.
 */
public final class BringUpPlan {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CACHED_PROBE = "import sys; from huggingface_hub import snapshot_download; "
            + "snapshot_download(sys.argv[1], local_files_only=True)";

    private final BringUpOptions options;
    private final String hfToken;

    /**
     * @param hfToken the Hugging Face token, or {@code null} to download anonymously; it only ever travels on the
     *                download command's stdin
     */
    public BringUpPlan(BringUpOptions options, String hfToken) {
        this.options = options;
        this.hfToken = hfToken == null || hfToken.isBlank() ? null : hfToken;
    }

    /** The first command of every run: who we are, where home is, whether systemd may be used. */
    public RemoteCommand factsProbe() {
        return RemoteFacts.probe();
    }

    /** The steps after the facts probe, in order. */
    public List<Step> steps(RemoteFacts facts) {
        String venv = facts.resolve(options.venv());
        String python = RemoteCommand.quote(venv + "/bin/python");
        VllmService service = new VllmService(options, facts);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Check("gpu", "an NVIDIA GPU is visible",
                RemoteCommand.of("nvidia-smi --query-gpu=name,memory.total --format=csv,noheader"),
                this::enoughGpus,
                "the host needs an NVIDIA GPU with its driver installed (nvidia-smi must run)"));
        steps.add(new Step.Check("python", "python3 (3.10 or newer) is installed",
                RemoteCommand.of("python3 -c 'import sys; print(sys.version.split()[0]); "
                        + "sys.exit(0 if sys.version_info >= (3, 10) else 1)'"),
                Step.OutputRule.ANY, "install python3 3.10+ (Debian/Ubuntu: apt-get install python3 python3-venv)"));
        steps.add(new Step.Check("curl", "curl is installed (readiness probes use it)",
                RemoteCommand.of("curl --version"), Step.OutputRule.ANY, "install curl"));
        steps.add(new Step.Ensure("venv", "virtualenv " + venv + " exists",
                RemoteCommand.of("[ -x " + python + " ]"),
                RemoteCommand.of("python3 -m venv " + RemoteCommand.quote(venv)),
                "install the venv module (Debian/Ubuntu: apt-get install python3-venv)"));
        steps.add(new Step.Ensure("vllm", "vLLM is importable in the virtualenv",
                RemoteCommand.of(python + " -c 'import vllm'"),
                RemoteCommand.of(python + " -m pip install --upgrade pip && " + python + " -m pip install "
                        + RemoteCommand.quote(options.vllmPackage())),
                "pip could not install " + options.vllmPackage() + "; check the CUDA driver and python version"));
        steps.add(new Step.Ensure("model", options.model() + " is in the host's Hugging Face cache",
                RemoteCommand.of("HF_HUB_OFFLINE=1 " + python + " -c " + RemoteCommand.quote(CACHED_PROBE) + " "
                        + RemoteCommand.quote(options.model())),
                download(venv),
                hfToken == null
                        ? "gated or private models need a token in $" + options.hfTokenEnv() + " on this machine"
                        : "check that the token in $" + options.hfTokenEnv() + " may read " + options.model()));
        steps.add(service.step());
        String base = "http://" + hostForUrl(options.probeHost()) + ":" + options.vllmPort();
        steps.add(new Step.Await("health", "vLLM answers " + base + "/health",
                RemoteCommand.of("curl -fsS --max-time 5 " + base + "/health"), Step.OutputRule.ANY,
                service.diagnostics()));
        steps.add(new Step.Await("models", "/v1/models lists " + options.servedModel(),
                RemoteCommand.of("curl -fsS --max-time 5 " + base + "/v1/models"), this::listsServedModel,
                service.diagnostics()));
        return List.copyOf(steps);
    }

    /**
     * The download runs in the venv ({@code hf} in current huggingface_hub, {@code huggingface-cli} in older ones).
     * The token is read from stdin by the shell's {@code read} builtin and exported to that one command, so it is
     * never part of any process's argument list.
     */
    private RemoteCommand download(String venv) {
        String bin = venv + "/bin/";
        String model = RemoteCommand.quote(options.model());
        String cli = "if [ -x " + RemoteCommand.quote(bin + "hf") + " ]; then " + RemoteCommand.quote(bin + "hf")
                + " download " + model + "; else " + RemoteCommand.quote(bin + "huggingface-cli") + " download "
                + model + "; fi";
        if (hfToken == null) {
            return RemoteCommand.of(cli);
        }
        return RemoteCommand.withSecretInput("IFS= read -r HF_TOKEN && export HF_TOKEN && " + cli,
                hfToken + "\n", "Hugging Face token from $" + options.hfTokenEnv());
    }

    private Optional<String> enoughGpus(String stdout) {
        long gpus = stdout.lines().filter(line -> !line.isBlank()).count();
        if (gpus >= options.tensorParallel()) {
            return Optional.empty();
        }
        return Optional.of("--tp " + options.tensorParallel() + " needs " + options.tensorParallel()
                + " GPUs; nvidia-smi lists " + gpus);
    }

    private Optional<String> listsServedModel(String stdout) {
        try {
            JsonNode data = JSON.readTree(stdout).path("data");
            for (JsonNode model : data) {
                if (options.servedModel().equals(model.path("id").asText())) {
                    return Optional.empty();
                }
            }
            return Optional.of("/v1/models does not list " + options.servedModel() + " yet");
        } catch (java.io.IOException e) {
            return Optional.of("/v1/models did not answer JSON");
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
