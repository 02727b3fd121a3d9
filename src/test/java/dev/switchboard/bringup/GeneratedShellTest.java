package dev.switchboard.bringup;

import dev.switchboard.bringup.RemoteFacts.Supervisor;
import dev.switchboard.bringup.RemoteFacts.SupervisorChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the commands {@link BringUpPlan} generates through a real {@code /bin/sh}, with stand-in programs in a
 * temporary home directory, so quoting, stdin handling and {@code $!} are checked by a shell rather than by eye.
 */
class GeneratedShellTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void downloadHandsTheTokenToTheCliThroughItsEnvironmentNotItsArguments() throws Exception {
        // given a venv whose `hf` records its environment token and its arguments
        script("switchboard-vllm/bin/hf", "printf '%s' \"$HF_TOKEN\" > \"$HOME/token-seen\"\n"
                + "printf '%s' \"$*\" > \"$HOME/args-seen\"\n");
        String token = "hf_Ab'c \"d$e";
        Step.Ensure model = step("model", plan(token));

        // when the download runs
        CommandResult result = shell().run(model.action(), TEN_SECONDS);

        // then the CLI got the token verbatim in its environment and only the model id as arguments
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(token, Files.readString(home.resolve("token-seen")));
        assertEquals("download Qwen/Qwen3-8B", Files.readString(home.resolve("args-seen")));
        assertThat(model.action().line(), not(containsString(token)));
    }

    @Test
    void downloadFallsBackToHuggingfaceCliWithoutAToken() throws Exception {
        script("switchboard-vllm/bin/huggingface-cli", "printf '%s|%s' \"${HF_TOKEN-unset}\" \"$*\" > \"$HOME/seen\"\n");

        CommandResult result = shell().run(step("model", plan(null)).action(), TEN_SECONDS);

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("unset|download Qwen/Qwen3-8B", Files.readString(home.resolve("seen")));
    }

    @Test
    void nohupStartRecordsTheServerPidAndTheCheckSeesItAlive() throws Exception {
        // given a vllm that runs until killed and records its arguments
        script("switchboard-vllm/bin/vllm", "printf '%s\\n' \"$@\" > \"$HOME/vllm-args\"\nexec sleep 60\n");
        Step.Ensure service = step("service", plan(null));
        LocalShell shell = shell();
        assertEquals(1, shell.run(service.check(), TEN_SECONDS).exitCode());

        // when the service step's action runs
        assertEquals(0, shell.run(service.action(), TEN_SECONDS).exitCode());

        // then the pid file names a live process that is the server, and the check now passes
        long pid = Long.parseLong(Files.readString(home.resolve("switchboard-vllm/switchboard/vllm-8000.pid")).strip());
        try {
            assertEquals(0, shell.run(service.check(), TEN_SECONDS).exitCode());
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
            assertTrue(server.isAlive());
            waitForFile(home.resolve("vllm-args"));
            assertEquals(List.of("serve", "Qwen/Qwen3-8B", "--served-model-name", "qwen 3", "--host", "127.0.0.1",
                            "--port", "8000", "--tensor-parallel-size", "1", "--max-model-len", "32768"),
                    Files.readAllLines(home.resolve("vllm-args")));
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void factsProbeAnswersInTheShapeTheParserExpects() throws Exception {
        CommandResult result = shell().run(RemoteFacts.probe(), TEN_SECONDS);

        RemoteFacts facts = RemoteFacts.parse(result.stdout(), SupervisorChoice.NOHUP);
        assertEquals(home.toString(), facts.home());
        assertEquals(Supervisor.NOHUP, facts.supervisor());
    }

    private BringUpPlan plan(String token) {
        SshTarget ssh = new SshTarget("gpuuser", "gpu.example", 22, List.of(Path.of("id")), false,
                Path.of("known_hosts"), false, TEN_SECONDS);
        BringUpOptions options = new BringUpOptions(ssh, "Qwen/Qwen3-8B", "qwen 3", 8000, 8000, 1, 32768,
                "127.0.0.1", List.of(), "vllm", "HF_TOKEN", "~/switchboard-vllm", SupervisorChoice.NOHUP,
                "vllm_qwen", false, Duration.ofMinutes(1), Duration.ofMillis(10));
        return new BringUpPlan(options, token);
    }

    private Step.Ensure step(String name, BringUpPlan plan) {
        RemoteFacts facts = new RemoteFacts("gpuuser", home.toString(), Supervisor.NOHUP, false);
        return plan.steps(facts).stream().filter(s -> s.name().equals(name)).map(Step.Ensure.class::cast)
                .findFirst().orElseThrow();
    }

    private LocalShell shell() {
        return new LocalShell(Map.of("HOME", home.toString()));
    }

    private void script(String path, String body) throws Exception {
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void waitForFile(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
    }
}
