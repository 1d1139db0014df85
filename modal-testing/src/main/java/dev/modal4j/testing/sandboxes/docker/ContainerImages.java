package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.ImageSource;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Snapshots and image mounts of one container. A container cannot mount anything itself (it is not
 * privileged), so a mount is a copy: what the mount path held is moved aside to {@code
 * /.modal4j-mounts/<hex of the path>} in the container, the image's files are copied in (see {@link
 * DockerImages}), and an unmount empties the path and moves its old contents back. A filesystem
 * snapshot is a {@code docker commit}; a directory snapshot imports the directory's tree, read
 * through the archive API, as an image of its own.
 */
final class ContainerImages implements SandboxImages {
  private static final String ASIDE = "/.modal4j-mounts/";
  private static final long SCRIPT_SECONDS = 120;

  private static final String CHECK_DIR =
      "[ -e \"$1\" ] || { echo missing >&2; exit 3; }; [ -d \"$1\" ] || { echo file >&2; exit 4; }";

  private static final String HIDE =
      "p=\"$1\"; a=\"$2\"; mkdir -p \"$p\" 2>/dev/null; "
          + CHECK_DIR.replace("$1", "$p")
          + "; if [ -d \"$a\" ]; then find \"$p\" -mindepth 1 -maxdepth 1 -exec rm -rf {} +;"
          + " else mkdir -p \"$a\" && find \"$p\" -mindepth 1 -maxdepth 1 -exec mv {} \"$a\"/ \\;;"
          + " fi";

  private static final String RESTORE =
      "p=\"$1\"; a=\"$2\"; find \"$p\" -mindepth 1 -maxdepth 1 -exec rm -rf {} +;"
          + " find \"$a\" -mindepth 1 -maxdepth 1 -exec mv {} \"$p\"/ \\; && rmdir \"$a\"";

  private final DockerClient client;
  private final DockerImages images;
  private final String containerId;
  private final SandboxRuntime runtime;
  private final Set<String> mounted = ConcurrentHashMap.newKeySet();

  ContainerImages(
      DockerClient client, DockerImages images, String containerId, SandboxRuntime runtime) {
    this.client = client;
    this.images = images;
    this.containerId = containerId;
    this.runtime = runtime;
  }

  @Override
  public void commit(String reference) throws IOException {
    images.commit(containerId, reference);
  }

  @Override
  public void commitDirectory(String path, String reference) throws IOException {
    run(CHECK_DIR, path);
    // the engine's import wants a body of known length: the tree goes through a file
    java.nio.file.Path file = java.nio.file.Files.createTempFile("modal4j-dir-", ".tar");
    try {
      try (InputStream tar = client.copyArchiveFromContainerCmd(containerId, dot(path)).exec()) {
        java.nio.file.Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (DockerException | IllegalStateException e) {
        throw new IOException("reading " + path + " failed: " + e.getMessage(), e);
      }
      images.importTree(file, reference);
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Override
  public void mount(String path, Optional<ImageSource> image) throws IOException {
    String p = normal(path);
    run(HIDE, p, aside(p));
    mounted.add(p);
    if (image.isPresent()) {
      images.copyInto(image.get(), containerId, p);
    }
  }

  @Override
  public void unmount(String path) throws IOException {
    String p = normal(path);
    if (!mounted.remove(p)) {
      throw new FileSystemException(path, null, "no image is mounted there");
    }
    run(RESTORE, p, aside(p));
  }

  private static String normal(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String dot(String path) {
    return normal(path).equals("/") ? "/." : normal(path) + "/.";
  }

  private static String aside(String path) {
    return ASIDE + HexFormat.of().formatHex(path.getBytes(UTF_8));
  }

  /** Runs a shell script with arguments; exit 3 = no such path, 4 = not a directory. */
  private void run(String script, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(List.of(args));
    RunningProcess process = runtime.exec(new ExecSpec(command, Map.of(), Optional.empty(), false));
    process.stdin().close();
    // The scripts write a line at most: reading one stream after the other cannot stall.
    readAll(process.stdout());
    String message = new String(readAll(process.stderr()), UTF_8).trim();
    ExitStatus status;
    try {
      status = process.exit().get(SCRIPT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      process.kill(9);
      throw new IOException("the helper command in the sandbox did not finish", e);
    }
    if (status.shellCode() == 3) {
      throw new NoSuchFileException(args[0]);
    }
    if (status.shellCode() == 4) {
      throw new NotDirectoryException(args[0]);
    }
    if (status.shellCode() != 0) {
      throw new IOException(
          "the helper command in the sandbox exited " + status.shellCode() + ": " + message);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
