package dev.modal4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs node and npm in the interop scripts' folder. */
final class NodeRunner {
  private static final int MIN_NODE_MAJOR = 20;
  private static final String STAMP = ".modal4j-installed-lock.sha256";

  private final Path dir;

  NodeRunner(Path dir) {
    this.dir = dir;
  }

  /** What a finished command printed (stdout and stderr merged) and its exit code. */
  record Result(int exitCode, String output) {}

  /** Fails with a clear message unless node 20+ and npm are on the PATH. */
  void requireNodeAndNpm() {
    String version = probe(List.of("node", "--version"));
    int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*$", "$1"));
    if (major < MIN_NODE_MAJOR) {
      throw new IllegalStateException(
          "the JS interop suite needs Node " + MIN_NODE_MAJOR + "+, found " + version);
    }
    probe(List.of("npm", "--version"));
  }

  /**
   * Runs {@code npm ci} unless node_modules was already installed by us from this exact
   * package-lock.json.
   */
  void installLockedPackages(Duration timeout) throws IOException, InterruptedException {
    String lockHash = sha256(dir.resolve("package-lock.json"));
    Path stamp = dir.resolve("node_modules").resolve(STAMP);
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(lockHash)) {
      return;
    }
    Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), timeout);
    if (ci.exitCode() != 0) {
      throw new IllegalStateException("npm ci failed in " + dir + ":\n" + ci.output());
    }
    Files.writeString(stamp, lockHash);
  }

  /**
   * Runs a command in the scripts' folder. Of the inherited {@code MODAL_*} variables it sees none:
   * only those in {@code env}.
   */
  Result run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("MODAL_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<String> output = readAll(process.getInputStream());
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(
          -1,
          outputOrEmpty(output)
              + "\n[killed: "
              + String.join(" ", command)
              + " ran longer than "
              + timeout.toSeconds()
              + " s]");
    }
    return new Result(process.exitValue(), outputOrEmpty(output));
  }

  private String probe(List<String> command) {
    try {
      Result result = run(command, Map.of(), Duration.ofSeconds(30));
      if (result.exitCode() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result);
      }
      return result.output().trim();
    } catch (IOException e) {
      throw new IllegalStateException(
          "`"
              + command.get(0)
              + "` was not found on the PATH: the JS interop suite (Maven profile `interop`)"
              + " needs Node "
              + MIN_NODE_MAJOR
              + "+ and npm",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static CompletableFuture<String> readAll(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.complete("[reading output failed: " + e + "]");
              }
            },
            "node-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  private static String outputOrEmpty(CompletableFuture<String> output)
      throws InterruptedException {
    try {
      return output.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "[output not available: " + e + "]";
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
