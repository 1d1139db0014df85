package dev.modal4j.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standalone emulator jar running as a child JVM, from its ready line until {@link #close}. */
final class StandaloneEmulatorProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("modal emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final int KEPT_LINES = 200;

  private final Process process;
  private final Deque<String> recentOutput = new ArrayDeque<>();
  private final CompletableFuture<String> serverUrl = new CompletableFuture<>();
  private final Thread reader;
  private static final String TUNNEL_CA_PREFIX = "modal emulator tunnel CA certificate: ";
  private final CompletableFuture<String> tunnelCaFile = new CompletableFuture<>();

  private StandaloneEmulatorProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "emulator-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Starts {@code java -jar jar --port 0} and waits for its ready line. */
  static StandaloneEmulatorProcess start(Path jar, Duration readyTimeout) throws IOException {
    return start(jar, readyTimeout, new String[0]);
  }

  /** Starts {@code java -jar jar --port 0 flags...} and waits for its ready line. */
  static StandaloneEmulatorProcess start(Path jar, Duration readyTimeout, String... flags)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "standalone emulator jar not found at " + jar + ": build modal-testing with `package`");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "--port", "0"));
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StandaloneEmulatorProcess emulator = new StandaloneEmulatorProcess(process);
    try {
      emulator.serverUrl.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return emulator;
    } catch (TimeoutException | ExecutionException e) {
      emulator.close();
      throw new IllegalStateException(
          "the standalone emulator printed no ready line within "
              + readyTimeout.toSeconds()
              + " s (exit: "
              + emulator.exitDescription()
              + "); its output:\n"
              + emulator.recentOutput(),
          e);
    } catch (InterruptedException e) {
      emulator.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the emulator", e);
    }
  }

  /** The URL from the ready line, e.g. {@code http://127.0.0.1:41234}. */
  String serverUrl() {
    return serverUrl.join();
  }

  /**
   * The PEM file of the emulator's tunnel CA, from the line it prints right after the ready line
   * (waited for up to 10 s).
   */
  Optional<String> tunnelCaFile() {
    try {
      return Optional.of(tunnelCaFile.get(10, TimeUnit.SECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether the emulator process is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines the emulator printed, for failure messages. */
  synchronized String recentOutput() {
    return String.join("\n", recentOutput);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String exitDescription() {
    return process.isAlive() ? "still running" : "exited with " + process.exitValue();
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        keep(line);
        if (line.startsWith(TUNNEL_CA_PREFIX)) {
          tunnelCaFile.complete(line.substring(TUNNEL_CA_PREFIX.length()).trim());
        }
        Matcher ready = READY.matcher(line);
        if (!serverUrl.isDone() && ready.find()) {
          serverUrl.complete(ready.group(1));
        }
      }
    } catch (IOException e) {
      keep("[reading emulator output failed: " + e + "]");
    } finally {
      serverUrl.completeExceptionally(new IllegalStateException("emulator output ended"));
      tunnelCaFile.completeExceptionally(new IllegalStateException("emulator output ended"));
    }
  }

  private synchronized void keep(String line) {
    if (recentOutput.size() == KEPT_LINES) {
      recentOutput.removeFirst();
    }
    recentOutput.addLast(line);
  }
}
