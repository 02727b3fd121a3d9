package dev.switchboard.bringup;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote side of the bring-up tests: an SSH command handler that records every command line (and its stdin) and
 * answers like a fresh GPU host that changes as the bring-up installs things. It does not run a shell; it recognises
 * each command by {@link #kind(String)}.
 */
final class FakeGpuHost implements CommandFactory {

    /** One command the host received. */
    record Received(String line, String stdin) {
        String kind() {
            return FakeGpuHost.kind(line);
        }
    }

    private final String servedModel;
    private final List<Received> received = new ArrayList<>();
    boolean gpuPresent = true;
    boolean systemd = true;
    int healthFailuresBeforeReady = 1;
    private boolean venv;
    private boolean vllmInstalled;
    private boolean modelCached;
    private String unitFile;
    private boolean unitActive;
    private boolean pidAlive;
    private int healthPolls;

    FakeGpuHost(String servedModel) {
        this.servedModel = servedModel;
    }

    /** Names a command line by what it does; {@code unknown} for anything the bring-up should never send. */
    static String kind(String line) {
        if (line.contains("id -un")) return "facts";
        if (line.startsWith("nvidia-smi")) return "gpu";
        if (line.startsWith("python3 -c")) return "python";
        if (line.startsWith("curl --version")) return "curl";
        if (line.contains("snapshot_download")) return "model-check";
        if (line.contains(" download ")) return "model-download";
        if (line.startsWith("python3 -m venv")) return "venv-create";
        if (line.startsWith("[ -x ") && line.endsWith("/bin/python ]")) return "venv-check";
        if (line.endsWith("-c 'import vllm'")) return "vllm-check";
        if (line.contains("pip install")) return "vllm-install";
        if (line.startsWith("cmp -s /etc/systemd/system/")) return "unit-check";
        if (line.contains("tee /etc/systemd/system/")) return "unit-write";
        if (line.startsWith("[ -f ") && line.contains("kill -0")) return "pid-check";
        if (line.contains(" nohup ")) return "nohup-start";
        if (line.startsWith("curl -fsS") && line.endsWith("/health")) return "health";
        if (line.startsWith("curl -fsS") && line.endsWith("/v1/models")) return "models";
        if (line.contains("journalctl") || line.startsWith("tail -n")) return "logs";
        return "unknown";
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<String> kinds() {
        return received.stream().map(Received::kind).toList();
    }

    synchronized void forget() {
        received.clear();
    }

    @Override
    public Command createCommand(ChannelSession channel, String line) {
        return new Answering(line);
    }

    private record Answer(int exit, String stdout, String stderr) {
    }

    private synchronized Answer answer(String line, String stdin) {
        received.add(new Received(line, stdin));
        boolean running = unitActive || pidAlive;
        return switch (kind(line)) {
            case "facts" -> ok("gpuuser\n/home/gpuuser\n" + (systemd ? "systemd-sudo" : "nohup") + "\n");
            case "gpu" -> gpuPresent ? ok("NVIDIA H100 80GB HBM3, 81559 MiB\n")
                    : new Answer(127, "", "bash: line 1: nvidia-smi: command not found\n");
            case "python" -> ok("3.11.9\n");
            case "curl" -> ok("curl 8.5.0 (x86_64-pc-linux-gnu)\n");
            case "venv-check" -> exit(venv);
            case "venv-create" -> {
                venv = true;
                yield ok("");
            }
            case "vllm-check" -> vllmInstalled ? ok("")
                    : new Answer(1, "", "ModuleNotFoundError: No module named 'vllm'\n");
            case "vllm-install" -> {
                vllmInstalled = venv;
                yield ok("Successfully installed vllm-0.11.0\n");
            }
            case "model-check" -> modelCached ? ok("")
                    : new Answer(1, "", "huggingface_hub.errors.LocalEntryNotFoundError: not in cache\n");
            case "model-download" -> {
                modelCached = true;
                yield ok("/home/gpuuser/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/abc\n");
            }
            case "unit-check" -> exit(unitActive && stdin.equals(unitFile));
            case "unit-write" -> {
                unitFile = stdin;
                unitActive = true;
                yield ok("");
            }
            case "pid-check" -> exit(pidAlive);
            case "nohup-start" -> {
                pidAlive = true;
                yield ok("");
            }
            case "health" -> running && healthPolls++ >= healthFailuresBeforeReady ? ok("")
                    : new Answer(7, "", "curl: (7) Failed to connect to 127.0.0.1 port 8000: Connection refused\n");
            case "models" -> running ? ok("{\"object\":\"list\",\"data\":[{\"id\":\"" + servedModel
                    + "\",\"object\":\"model\",\"owned_by\":\"vllm\"}]}") : new Answer(7, "", "curl: (7)\n");
            case "logs" -> ok("INFO Loading safetensors checkpoint shards: 40% Completed\n");
            default -> new Answer(127, "", "sh: 1: unexpected command\n");
        };
    }

    private static Answer ok(String stdout) {
        return new Answer(0, stdout, "");
    }

    private static Answer exit(boolean success) {
        return new Answer(success ? 0 : 1, "", "");
    }

    /** Reads the command's stdin to end-of-file, then answers, as a real command finishing would. */
    private final class Answering implements Command {
        private final String line;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Answering(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofVirtual().start(() -> {
                try {
                    String stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Answer answer = answer(line, stdin);
                    out.write(answer.stdout().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    err.write(answer.stderr().getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(answer.exit());
                } catch (IOException e) {
                    exit.onExit(255, e.toString());
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
