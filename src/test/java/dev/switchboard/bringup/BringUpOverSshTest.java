package dev.switchboard.bringup;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code bringup} end to end against an SSH server on 127.0.0.1 whose commands are answered by a
 * {@link FakeGpuHost}: real SSH (host key check, public-key login, exec channels, stdin), a pretend GPU host.
 */
class BringUpOverSshTest {

    private static final String TOKEN = "hf_test_" + Long.toHexString(System.nanoTime()) + "SeCrEt";

    @TempDir
    Path dir;
    private SshServer server;
    private FakeGpuHost host;
    private KeyPair hostKey;
    private final AtomicInteger sessions = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (OutputStream out = Files.newOutputStream(dir.resolve("id_ed25519"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "bringup-test", null, out);
        }
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        host = new FakeGpuHost("qwen3-8b");
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) ->
                user.equals("gpuuser") && KeyUtils.compareKeys(key, client.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(host);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop(true);
    }

    @Test
    void runsEveryStepInOrderAndPrintsTheProviderBlockAndTunnel() {
        Result run = bringUp("--accept-new-host-key");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(
                "facts", "gpu", "python", "curl",
                "venv-check", "venv-create", "venv-check",
                "vllm-check", "vllm-install", "vllm-check",
                "model-check", "model-download", "model-check",
                "unit-check", "unit-write", "unit-check",
                "health", "health", "models"), host.kinds());
        Map<String, Object> provider = provider(run.out(), "vllm_qwen3_8b");
        assertEquals("http://127.0.0.1:8000/v1", provider.get("base_url"));
        assertEquals("openai-chat", provider.get("dialect"));
        assertEquals("none", provider.get("auth_scheme"));
        assertEquals(Map.of("qwen3-8b", Map.of("model", "qwen3-8b")), provider.get("models"));
        assertThat(run.out(), containsString("ssh -p " + server.getPort() + " -i " + dir.resolve("id_ed25519")
                + " -N -L 8000:127.0.0.1:8000 gpuuser@127.0.0.1"));
    }

    @Test
    void writesAUnitThatServesTheModelOnLoopbackOffline() {
        bringUp("--accept-new-host-key", "--vllm-arg", "--enable-auto-tool-choice");

        FakeGpuHost.Received write = host.received().stream().filter(r -> r.kind().equals("unit-write"))
                .findFirst().orElseThrow();
        assertThat(write.stdin(), allOf(containsString("User=gpuuser"),
                containsString("Environment=HF_HUB_OFFLINE=1"),
                containsString("ExecStart=/home/gpuuser/switchboard-vllm/bin/vllm serve Qwen/Qwen3-8B"
                        + " --served-model-name qwen3-8b --host 127.0.0.1 --port 8000 --tensor-parallel-size 1"
                        + " --max-model-len 32768 --enable-auto-tool-choice\n")));
        assertThat(write.line(), allOf(containsString("sudo -n tee /etc/systemd/system/switchboard-vllm-8000.service"),
                containsString("sudo -n systemctl daemon-reload"),
                containsString("sudo -n systemctl enable switchboard-vllm-8000.service"),
                containsString("sudo -n systemctl restart switchboard-vllm-8000.service")));
    }

    @Test
    void secondRunInstallsDownloadsAndWritesNothing() {
        assertEquals(0, bringUp("--accept-new-host-key").exit());
        host.forget();

        Result second = bringUp(); // the host key is recorded now, so no flag is needed

        assertEquals(0, second.exit(), second.err());
        assertEquals(List.of("facts", "gpu", "python", "curl", "venv-check", "vllm-check", "model-check",
                "unit-check", "health", "models"), host.kinds());
        assertThat(second.err(), allOf(containsString("[vllm] already done"),
                containsString("[model] already done"), containsString("[service] already done")));
    }

    @Test
    void stopsAtTheGpuStepWithItsExitCodeAndRemoteOutput() {
        host.gpuPresent = false;

        Result run = bringUp("--accept-new-host-key");

        assertEquals(1, run.exit());
        assertThat(run.err(), allOf(containsString("failed at step 'gpu'"), containsString("exit code 127"),
                containsString("| bash: line 1: nvidia-smi: command not found"),
                containsString("hint: the host needs an NVIDIA GPU")));
        assertEquals(List.of("facts", "gpu"), host.kinds());
        assertThat(run.out(), not(containsString("base_url")));
    }

    @Test
    void refusesATensorParallelSizeTheHostHasNoGpusFor() {
        Result run = bringUp("--accept-new-host-key", "--tp", "2");

        assertEquals(1, run.exit());
        assertThat(run.err(), allOf(containsString("failed at step 'gpu'"),
                containsString("--tp 2 needs 2 GPUs; nvidia-smi lists 1")));
        assertEquals(List.of("facts", "gpu"), host.kinds());
    }

    @Test
    void sendsTheHfTokenOnStdinOnlyAndNeverShowsIt() {
        Result run = bringUp("--accept-new-host-key");

        assertEquals(0, run.exit(), run.err());
        List<FakeGpuHost.Received> received = host.received();
        for (FakeGpuHost.Received r : received) {
            assertThat(r.line(), not(containsString(TOKEN)));
            if (!r.kind().equals("model-download")) {
                assertThat(r.stdin(), not(containsString(TOKEN)));
            }
        }
        List<String> downloads = received.stream().filter(r -> r.kind().equals("model-download"))
                .map(FakeGpuHost.Received::stdin).toList();
        assertEquals(List.of(TOKEN + "\n"), downloads);
        assertThat(run.out() + run.err(), not(containsString(TOKEN)));
    }

    @Test
    void dryRunPrintsThePlanWithTheTokenMaskedAndContactsNothing() {
        Result run = bringUp("--accept-new-host-key", "--dry-run");

        assertEquals(0, run.exit(), run.err());
        assertEquals(0, sessions.get());
        assertEquals(List.of(), host.received());
        assertThat(run.out(), allOf(containsString("nvidia-smi"), containsString("pip install vllm"),
                containsString(" download Qwen/Qwen3-8B"),
                containsString("Hugging Face token from $HF_TOKEN (masked)"), containsString("ExecStart="),
                containsString("base_url: http://127.0.0.1:8000/v1")));
        assertThat(run.out() + run.err(), not(containsString(TOKEN)));
    }

    @Test
    void refusesAnUnknownHostKeyUnlessToldToAcceptIt() {
        Result run = bringUp();

        assertEquals(1, run.exit());
        assertThat(run.err(), allOf(containsString("failed at step 'connect'"), containsString("is not in"),
                containsString("--accept-new-host-key"),
                containsString(KeyUtils.getFingerPrint(hostKey.getPublic()))));
        assertEquals(List.of(), host.received());
    }

    @Test
    void refusesAChangedHostKeyEvenWithAcceptNew() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(other.getPublic()) + "\n");

        Result run = bringUp("--accept-new-host-key");

        assertEquals(1, run.exit());
        assertThat(run.err(), allOf(containsString("failed at step 'connect'"), containsString("CHANGED")));
        assertEquals(List.of(), host.received());
    }

    @Test
    void startsUnderNohupWithAPidFileWhereSystemdIsUnavailable() {
        host.systemd = false;

        Result first = bringUp("--accept-new-host-key");
        List<String> firstKinds = host.kinds();
        host.forget();
        Result second = bringUp();

        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        assertTrue(firstKinds.containsAll(List.of("pid-check", "nohup-start")), firstKinds::toString);
        assertTrue(host.kinds().contains("pid-check"), host.kinds()::toString);
        for (String kind : List.of("nohup-start", "unit-check", "unit-write")) {
            assertFalse(host.kinds().contains(kind), kind);
        }
    }

    @Test
    void givesUpWaitingWithTheServerLogWhenHealthNeverAnswers() {
        host.healthFailuresBeforeReady = Integer.MAX_VALUE;

        Result run = bringUp("--accept-new-host-key", "--timeout", "4s");

        assertEquals(1, run.exit());
        assertThat(run.err(), allOf(containsString("failed at step 'health'"), containsString("Connection refused"),
                containsString("Loading safetensors checkpoint shards")));
        assertTrue(host.kinds().contains("logs"));
        assertFalse(host.kinds().contains("models"));
    }

    private Result bringUp(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--host", "gpuuser@127.0.0.1", "--port", Integer.toString(server.getPort()),
                "--identity", dir.resolve("id_ed25519").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(),
                "--model", "Qwen/Qwen3-8B", "--served-model", "qwen3-8b",
                "--poll-interval", "20ms", "--timeout", "60s", "--connect-timeout", "10s"));
        args.addAll(Arrays.asList(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BringUpMain.run(args.toArray(String[]::new), Map.of("HF_TOKEN", TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provider(String stdout, String name) {
        String yaml = stdout.substring(stdout.indexOf("\nswitchboard:"), stdout.indexOf("# Tunnel"));
        Map<String, Object> root = new Yaml().load(yaml);
        Map<String, Object> switchboard = (Map<String, Object>) root.get("switchboard");
        Map<String, Object> providers = (Map<String, Object>) switchboard.get("providers");
        return (Map<String, Object>) providers.get(name);
    }

    private record Result(int exit, String out, String err) {
    }
}
