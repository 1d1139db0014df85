package dev.modal4j;

import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the backend contracts of the SDK's sandboxes share (a subclass per contract, and one per
 * backend below it): one emulator per test class on the chosen backend, started by the backend's
 * {@code @BeforeAll} with {@link #startEmulator} and closed after the class; each test gets a new
 * client, the contract's app and an {@code alpine:3.21} image.
 */
public abstract class BackendContract {
  /** The emulator of the running test class. */
  protected static ModalEmulator emulator;

  /** This test's client. */
  protected ModalClient modal;

  /** The contract's app, {@link #appName()}, created if missing. */
  protected App app;

  /** {@code alpine:3.21} from the registry. */
  protected Image image;

  /** The app the contract's sandboxes run in. */
  protected abstract String appName();

  /** Starts the emulator on {@code backend}, as the builder makes it by default. */
  protected static void startEmulator(SandboxBackendType backend) {
    startEmulator(backend, b -> b);
  }

  /**
   * Starts the emulator on {@code backend}, its builder first given to {@code configure}; on the
   * container backend the test class is skipped, saying why, where no Docker engine answers.
   */
  protected static void startEmulator(
      SandboxBackendType backend, UnaryOperator<ModalEmulator.Builder> configure) {
    if (backend == SandboxBackendType.DOCKER) {
      assumeDocker();
    }
    emulator = configure.apply(ModalEmulator.builder().sandboxBackend(backend)).start();
  }

  /** Skips the running test class, saying why, where the container backend cannot run. */
  public static void assumeDocker() {
    Path dir;
    try {
      dir = Files.createTempDirectory("docker-probe");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (SandboxBackend probe = SandboxBackends.create(SandboxBackendType.DOCKER, dir)) {
      // the engine answers
    } catch (RuntimeException e) {
      String caller =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .map(StackWalker.StackFrame::getClassName)
                          .filter(c -> !c.equals(BackendContract.class.getName()))
                          .findFirst())
              .orElse("a test");
      System.err.println(caller + ": container backend skipped: " + e.getMessage());
      Assumptions.abort("container backend skipped: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a probe directory left in the temporary directory
      }
    }
  }

  /** Closes the emulator of the test class. */
  @AfterAll
  protected static void closeEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /** A new client, the contract's app and the image, for each test. */
  @BeforeEach
  protected void connect() {
    modal = emulator.newClient();
    app =
        modal.apps().fromName(appName(), AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("alpine:3.21");
  }

  /** Closes the test's client. */
  @AfterEach
  protected void disconnect() {
    modal.close();
  }
}
