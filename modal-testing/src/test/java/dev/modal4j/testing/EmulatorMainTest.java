package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.proto.AuthTokenGetRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorMainTest {
  private static final Pattern READY =
      Pattern.compile("modal emulator listening on http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  void childJvmPrintsTheReadyLineAndServesUntilKilled() throws Exception {
    Process process = java("--port", "0", "--seed", "5", "--token-lifetime-seconds", "120").start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(40, TimeUnit.SECONDS);
      Matcher ready = READY.matcher(String.valueOf(line));
      assertThat(ready.matches()).as("ready line: %s", line).isTrue();
      int port = Integer.parseInt(ready.group(1));
      assertThat(port).isPositive();

      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        long now = Instant.now().getEpochSecond();
        String token =
            Stubs.credentials(channel)
                .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
                .getToken();
        long exp =
            new ObjectMapper()
                .readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .get("exp")
                .asLong();
        assertThat(exp).isBetween(now + 110, now + 130);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(process.isAlive()).isTrue();
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void childJvmExitsWithTwoAndUsageOnAnUnknownFlag() throws Exception {
    Process process = java("--prot", "1").redirectErrorStream(false).start();
    assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("unknown flag '--prot'").contains("usage:");
    assertThat(stdout).isEmpty();
  }

  @Test
  void parsesFlagsInBothForms() throws Exception {
    try (ModalEmulator emulator = EmulatorMain.start(new String[] {"--port=0", "--seed", "11"})) {
      assertThat(emulator.faults().seed()).isEqualTo(11);
      assertThat(emulator.state().environments().names()).contains("main", "libmodal");
      var out = new java.io.ByteArrayOutputStream();
      EmulatorMain.printReady(emulator, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo("modal emulator listening on " + emulator.url() + System.lineSeparator());
    }
  }

  @Test
  void theCallTtlFlagExpiresFinishedCalls() throws Exception {
    try (ModalEmulator emulator =
        EmulatorMain.start(new String[] {"--port=0", "--call-ttl-seconds", "1"})) {
      var stub = Stubs.credentials(emulator.inProcessChannel());
      String token = stub.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
      String squareId;
      try (dev.modal4j.ModalClient modal = emulator.newClient()) {
        var call = modal.functions().fromName("modal4j-demo", "square").spawn(Long.class, 9);
        assertThat(call.get(java.time.Duration.ofSeconds(10))).isEqualTo(81);
        squareId = call.functionCallId();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (emulator.functions().retainedCalls() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(emulator.functions().retainedCalls()).isZero();
      assertThat(token).isNotEmpty();
      assertThat(squareId).startsWith("fc-");
    }
  }

  @Test
  void refusesBadCommandLines() {
    for (List<String> args :
        List.of(
            List.of("--bogus"),
            List.of("--port"),
            List.of("--port", "x"),
            List.of("--port", "-1"),
            List.of("--port", "99999999999"),
            List.of("--token-lifetime-seconds", "0"),
            List.of("--call-ttl-seconds", "0"),
            List.of("--call-ttl-seconds=-5"),
            List.of("--sandbox-backend", "podman"),
            List.of("--sandbox-backend"),
            List.of("port", "1"))) {
      assertThatThrownBy(() -> EmulatorMain.parse(args.toArray(String[]::new)))
          .as("args %s", args)
          .isInstanceOf(EmulatorMain.UsageException.class)
          .hasMessageContaining(args.get(0).replaceFirst("=.*", ""));
    }
  }

  @Test
  void theSandboxBackendFlagChoosesTheBackendAndTheUsageNamesIt() throws Exception {
    assertThat(EmulatorMain.parse(new String[] {}).sandboxBackendType())
        .isEqualTo(dev.modal4j.testing.sandboxes.SandboxBackendType.AUTO);
    assertThat(
            EmulatorMain.parse(new String[] {"--sandbox-backend", "process"}).sandboxBackendType())
        .isEqualTo(dev.modal4j.testing.sandboxes.SandboxBackendType.PROCESS);
    assertThat(EmulatorMain.parse(new String[] {"--sandbox-backend=docker"}).sandboxBackendType())
        .isEqualTo(dev.modal4j.testing.sandboxes.SandboxBackendType.DOCKER);
    assertThat(
            EmulatorMain.parse(new String[] {"--sandbox-backend", "auto", "--port", "0"})
                .sandboxBackendType())
        .isEqualTo(dev.modal4j.testing.sandboxes.SandboxBackendType.AUTO);
    assertThat(EmulatorMain.USAGE).contains("--sandbox-backend docker|process|auto");
  }

  private static ProcessBuilder java(String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                EmulatorMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
