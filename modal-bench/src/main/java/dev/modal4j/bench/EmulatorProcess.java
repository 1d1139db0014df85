package dev.modal4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone emulator ({@code modal-emulator.jar}) running in its own JVM, on a free port.
 *
 * <p>Its output goes to a log file; the server URL is taken from its readiness line {@code modal
 * emulator listening on http://127.0.0.1:<port>}.
 */
final class EmulatorProcess implements AutoCloseable {

  private static final Pattern READY =
      Pattern.compile("modal emulator listening on (http://[^\\s/]+:\\d+)");

  private final Process process;
  private final String url;
  private final Thread pump;

  private EmulatorProcess(Process process, String url, Thread pump) {
    this.process = process;
    this.url = url;
    this.pump = pump;
  }

  /**
   * Starts {@code java <jvmArgs> -jar <jar> --port 0 <emulatorArgs>} and waits for the readiness
   * line.
   */
  static EmulatorProcess start(Path jar, List<String> jvmArgs, List<String> emulatorArgs, Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "emulator jar not found: "
              + jar.toAbsolutePath()
              + " (build it with ./mvnw -B -q -pl modal-bench -am package -DskipTests,"
              + " or pass --emulator-jar)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(JavaCommand.javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--port");
    cmd.add("0");
    cmd.addAll(emulatorArgs);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pumpOutput(p, log, ready), "emulator-output");
    pump.setDaemon(true);
    pump.start();
    try {
      String url = ready.get(60, TimeUnit.SECONDS);
      return new EmulatorProcess(p, url, pump);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      throw new IOException("emulator did not report readiness; see " + log, e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the emulator", e);
    }
  }

  private static void pumpOutput(Process p, Path log, CompletableFuture<String> ready) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        Matcher m = READY.matcher(line);
        if (!ready.isDone() && m.find()) {
          ready.complete(m.group(1));
        }
      }
      ready.completeExceptionally(new IOException("emulator exited: " + p.waitFor()));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ready.completeExceptionally(e);
    }
  }

  /** The emulator's control-plane URL, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return url;
  }

  /** The emulator JVM's process id (for profiling it). */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      pump.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
