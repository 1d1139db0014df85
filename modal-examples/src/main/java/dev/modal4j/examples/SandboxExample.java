package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.ContainerProcess;
import dev.modal4j.sandboxes.ExecParams;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates a sandbox, runs commands in it (output, stdin, an exit code, environment), and terminates
 * it by closing it.
 */
public final class SandboxExample {
  private SandboxExample() {}

  /** Runs the example on {@code modal}. */
  public static void run(ModalClient modal) {
    App app =
        modal
            .apps()
            .fromName(
                "modal4j-examples", AppFromNameParams.builder().createIfMissing(true).build());
    Image image = modal.images().fromRegistry("alpine:3.21");
    SandboxCreateParams params =
        SandboxCreateParams.builder().timeout(Duration.ofMinutes(5)).build();
    try (Sandbox sb = modal.sandboxes().create(app, image, params)) {
      System.out.println("created " + sb.sandboxId());

      ContainerProcess echo = sb.exec(List.of("echo", "hello from the sandbox"));
      System.out.print(echo.stdout().readText());
      System.out.println("echo exited with " + echo.waitFor());

      ContainerProcess cat = sb.exec(List.of("cat"));
      try (OutputStream in = cat.stdin()) {
        in.write("piped through cat\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.out.print(cat.stdout().readText());

      ContainerProcess env =
          sb.exec(
              List.of("sh", "-c", "echo \"$GREETING from $(pwd)\"; exit 3"),
              ExecParams.builder().env(Map.of("GREETING", "hi")).workdir("/tmp").build());
      System.out.print(env.stdout().readText());
      System.out.println("sh exited with " + env.waitFor());
    }
  }

  /**
   * Runs against Modal with the configured credentials; or call {@link #run} with a client of an
   * emulator.
   */
  public static void main(String[] args) {
    Examples.run(SandboxExample::run);
  }
}
