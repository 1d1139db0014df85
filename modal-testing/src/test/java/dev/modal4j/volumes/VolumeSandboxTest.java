package dev.modal4j.volumes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Volume files meet sandboxes (process backend): a file uploaded through the API is read in a
 * sandbox that mounts the volume, and a file the sandbox writes is read back through the API.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeSandboxTest {
  private static ModalEmulator emulator;
  private ModalClient modal;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().sandboxBackend(SandboxBackendType.PROCESS).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void aSandboxReadsUploadedFilesAndWritesFilesTheApiReads(int version) throws Exception {
    Volume v =
        modal
            .volumes()
            .fromName(
                "sandbox-files-v" + version,
                VolumeFromNameParams.builder().createIfMissing(true).version(version).build());
    byte[] data = new byte[(9 << 20) + 17];
    new Random(version).nextBytes(data);
    Path local = tmp.resolve("data.bin");
    Files.write(local, data);
    v.batchUpload().putFile(local, "/in/data.bin").upload();

    App app =
        modal
            .apps()
            .fromName("volume-files", AppFromNameParams.builder().createIfMissing(true).build());
    Image image = modal.images().fromRegistry("alpine:3.21");
    try (Sandbox sb =
        modal
            .sandboxes()
            .create(
                app, image, SandboxCreateParams.builder().volumes(Map.of("/mnt/vol", v)).build())) {
      ContainerProcess sum = sb.exec(List.of("sha256sum", "/mnt/vol/in/data.bin"));
      String inSandbox = sum.stdout().readText().split(" ")[0];
      assertThat(sum.waitFor()).isZero();
      assertThat(inSandbox)
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));

      ContainerProcess write =
          sb.exec(
              List.of(
                  "sh",
                  "-c",
                  "mkdir -p /mnt/vol/out && printf 'from the sandbox' > /mnt/vol/out/s.txt"));
      assertThat(write.waitFor()).isZero();
    }
    try (InputStream in = v.readFile("/out/s.txt")) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("from the sandbox");
    }
    assertThat(v.listFiles("/out").map(e -> e.path()).toList())
        .anyMatch(p -> p.endsWith("out/s.txt"));
  }
}
