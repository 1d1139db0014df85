package dev.modal4j.testing;

import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator: {@code java -jar modal-emulator.jar --port 50051} serves plaintext gRPC
 * on 127.0.0.1 and prints {@code modal emulator listening on http://127.0.0.1:50051} when ready; it
 * serves until the process is killed. Sandboxes run on the backend {@code --sandbox-backend} names
 * (default auto). It is seeded with what Modal's own SDK test suites expect ({@code
 * --no-built-in-fixtures} leaves that out) and with the fixtures files {@code --fixtures FILE}
 * names. Finished function calls are dropped after {@code --call-ttl-seconds} (default one hour),
 * so its memory stays bounded however long it runs. {@code --blob-multipart-threshold} and {@code
 * --blob-multipart-part-length} make blob uploads multipart at small sizes, for tests. After the
 * ready line it prints where it wrote the CA certificate of its encrypted tunnels (see {@link
 * TunnelCertificateFile}).
 */
public final class EmulatorMain {
  static final int DEFAULT_PORT = 50051;
  static final String USAGE =
      "usage: java -jar modal-emulator.jar [--port N] [--seed N] [--token-lifetime-seconds N]"
          + " [--call-ttl-seconds N] [--sandbox-backend docker|process|auto] [--fixtures FILE]"
          + " [--no-built-in-fixtures] [--blob-multipart-threshold N]"
          + " [--blob-multipart-part-length N]\n"
          + "  --port N                    loopback port to serve on (default "
          + DEFAULT_PORT
          + ", 0 picks a free one)\n"
          + "  --seed N                    seed for fault injection and ids (default 42)\n"
          + "  --token-lifetime-seconds N  lifetime of issued auth tokens (default 3600)\n"
          + "  --call-ttl-seconds N        how long a finished function call and its outputs are"
          + " kept (default 3600)\n"
          + "  --sandbox-backend B         where sandboxes run: docker (containers), process (local"
          + " processes) or auto (docker when an engine answers, else process; the default)\n"
          + "  --fixtures FILE             seed named apps, secrets, volumes and proxies from a JSON"
          + " file (repeatable)\n"
          + "  --no-built-in-fixtures      leave out what Modal's own SDK test suites expect"
          + " (environment libmodal, its secrets, proxy and apps; seeded by default)\n"
          + "  --blob-multipart-threshold N  blobs longer than N bytes are uploaded in parts"
          + " (default Modal's 1 GiB)\n"
          + "  --blob-multipart-part-length N  the part length of those uploads (default 64 MiB)";

  private EmulatorMain() {}

  /** Starts the emulator, prints the ready line and blocks until the JVM is stopped. */
  public static void main(String[] args) throws InterruptedException {
    ModalEmulator emulator;
    try {
      if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.println(USAGE);
        return;
      }
      emulator = start(args);
    } catch (UsageException e) {
      System.err.println("modal-emulator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("modal-emulator: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "modal-emulator-shutdown"));
    printReady(emulator, System.out);
    TunnelCertificateFile.write(emulator, System.out);
    new CountDownLatch(1).await();
  }

  /** The environment Modal's own Go and JS test suites run in ({@code MODAL_ENVIRONMENT}). */
  static final String SDK_TEST_ENVIRONMENT = "libmodal";

  /**
   * Parses the flags, starts the emulator, adds the environment Modal's SDK test suites use and
   * deploys the demo app.
   */
  static ModalEmulator start(String[] args) throws UsageException {
    ModalEmulator emulator = parse(args).start();
    try {
      emulator.state().environments().create(SDK_TEST_ENVIRONMENT);
      deployDemoApp(emulator);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
    return emulator;
  }

  static void printReady(ModalEmulator emulator, PrintStream out) {
    out.println("modal emulator listening on " + emulator.url());
    out.flush();
  }

  /** Deploys the demo app {@code modal4j-demo}. */
  static void deployDemoApp(ModalEmulator emulator) {
    DemoApp.deploy(emulator);
  }

  static ModalEmulator.Builder parse(String[] args) throws UsageException {
    ModalEmulator.Builder builder = ModalEmulator.builder().port(DEFAULT_PORT);
    boolean builtInFixtures = true;
    java.util.List<String> fixtureFiles = new java.util.ArrayList<>();
    Long multipartThreshold = null;
    Long multipartPartLength = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--no-built-in-fixtures")) {
        builtInFixtures = false;
        continue;
      }
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else {
        value = i + 1 < args.length ? args[++i] : null;
      }
      if (flag.equals("--fixtures")) {
        if (value == null) {
          throw new UsageException("--fixtures needs a file");
        }
        fixtureFiles.add(value);
        continue;
      }
      if (flag.equals("--sandbox-backend")) {
        builder.sandboxBackend(backend(value));
        continue;
      }
      if (flag.equals("--blob-multipart-threshold")
          || flag.equals("--blob-multipart-part-length")) {
        if (value == null) {
          throw new UsageException(flag + " needs a value");
        }
        if (flag.endsWith("threshold")) {
          multipartThreshold = number(flag, value);
        } else {
          multipartPartLength = number(flag, value);
        }
        continue;
      }
      if (!flag.equals("--port")
          && !flag.equals("--seed")
          && !flag.equals("--token-lifetime-seconds")
          && !flag.equals("--call-ttl-seconds")) {
        throw new UsageException("unknown flag '" + flag + "'");
      }
      if (value == null) {
        throw new UsageException(flag + " needs a value");
      }
      long number = number(flag, value);
      try {
        switch (flag) {
          case "--port" -> builder.port(Math.toIntExact(number));
          case "--seed" -> builder.seed(number);
          case "--call-ttl-seconds" -> builder.callTtl(Duration.ofSeconds(number));
          default -> builder.tokenLifetime(Duration.ofSeconds(number));
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new UsageException(flag + ": " + e.getMessage());
      }
    }
    if (multipartThreshold != null || multipartPartLength != null) {
      try {
        builder.blobMultipart(
            multipartThreshold != null
                ? multipartThreshold
                : dev.modal4j.testing.functions.internal.BlobsArea.DEFAULT_MULTIPART_THRESHOLD,
            multipartPartLength != null
                ? multipartPartLength
                : dev.modal4j.testing.functions.internal.BlobsArea.DEFAULT_MULTIPART_PART_LENGTH);
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--blob-multipart-threshold / --blob-multipart-part-length: " + e.getMessage());
      }
    }
    if (builtInFixtures) {
      builder.builtInFixtures();
    }
    for (String file : fixtureFiles) {
      try {
        builder.fixtures(java.nio.file.Path.of(file));
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new UsageException("--fixtures " + file + ": " + e.getMessage());
      }
    }
    return builder;
  }

  private static SandboxBackendType backend(String value) throws UsageException {
    if (value == null) {
      throw new UsageException("--sandbox-backend needs a value");
    }
    return switch (value) {
      case "docker" -> SandboxBackendType.DOCKER;
      case "process" -> SandboxBackendType.PROCESS;
      case "auto" -> SandboxBackendType.AUTO;
      default ->
          throw new UsageException(
              "--sandbox-backend needs docker, process or auto, got '" + value + "'");
    };
  }

  private static long number(String flag, String value) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs an integer, got '" + value + "'");
    }
  }

  /** A bad command line: reported with the usage text and exit status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
