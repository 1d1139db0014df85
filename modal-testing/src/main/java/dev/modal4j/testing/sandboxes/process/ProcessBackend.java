package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every sandbox as local processes in a directory of its own, under a temporary root that
 * {@link #close()} removes. The image's files are not used: programs are the host's; of its layers
 * only the {@code ENV} and {@code WORKDIR} commands apply (its last {@code WORKDIR} is the default
 * workdir).
 *
 * <p>Every process gets a minimal environment ({@code PATH}, {@code HOME}, then the image's, the
 * sandbox's and the exec's variables; nothing of the emulator's own environment), runs in a process
 * group of its own, and is signalled as a group. A port a process listens on is a port of the host,
 * so {@code hostPort(p) == p}.
 *
 * <p><b>With bubblewrap</b> ({@code bwrap} on the PATH and able to create namespaces here), each
 * process runs with:
 *
 * <ul>
 *   <li>the sandbox directory as its writable root ({@code /}, so {@code /tmp}, {@code /root} =
 *       {@code HOME} and the workdir are in it), the host's {@code /usr}, {@code /etc}, {@code
 *       /opt} and the top-level system directories or their symlinks read-only, a fresh {@code
 *       /proc} and {@code /dev};
 *   <li>volumes bound at their mount paths (read-only ones read-only);
 *   <li>new pid, ipc and uts namespaces (each exec has its own: processes of two execs do not see
 *       each other), killed with the emulator;
 *   <li>a new, empty network namespace when the network is blocked.
 * </ul>
 *
 * Not isolated even then: the user (processes run as the emulator's user), CPU and memory (limits
 * are recorded, not enforced), the host network when it is not blocked, and the host programs.
 *
 * <p><b>Without bubblewrap</b> nothing is isolated: processes run on the host's filesystem as the
 * emulator's user, with {@code HOME} the sandbox directory and {@code TMPDIR} its {@code tmp}. A
 * workdir of {@code /} is the sandbox directory, one the host has is used as it is, any other is
 * created under the sandbox directory. Volumes cannot appear at their mount paths: each is a
 * symlink of that relative path in the sandbox directory ({@code /data} is {@code $HOME/data}).
 * Blocked network is not enforced.
 */
public final class ProcessBackend implements SandboxBackend {
  private static final Logger log = LoggerFactory.getLogger(ProcessBackend.class);

  private final Path root;
  private final ProcessImages images;
  private final Optional<Bubblewrap> bwrap;
  private final Set<ProcessSandbox> sandboxes = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A backend using bubblewrap when it works here.
   *
   * @throws IOException if its temporary root cannot be created
   */
  public ProcessBackend() throws IOException {
    this(true);
  }

  /**
   * A backend that may use bubblewrap (when {@code isolate} is true and it works here) or never
   * does.
   *
   * @param isolate whether to use bubblewrap when it is available
   * @throws IOException if its temporary root cannot be created
   */
  public ProcessBackend(boolean isolate) throws IOException {
    this.bwrap = isolate ? Bubblewrap.detect() : Optional.empty();
    this.root = Files.createTempDirectory("modal4j-sandboxes-");
    this.images = new ProcessImages(root);
    log.debug(
        "process sandboxes under {} ({})",
        root,
        bwrap.isPresent() ? "bubblewrap" : "no isolation: bubblewrap is not available");
  }

  @Override
  public String name() {
    return "process";
  }

  /** Whether sandboxes run under bubblewrap. */
  public boolean isolated() {
    return bwrap.isPresent();
  }

  /** The directory under which every sandbox has its own. */
  public Path root() {
    return root;
  }

  @Override
  public SandboxRuntime start(SandboxSpec spec) throws IOException {
    if (closed) {
      throw new IOException("the process backend has been closed");
    }
    Path dir =
        Files.createDirectory(root.resolve(spec.sandboxId().replaceAll("[^A-Za-z0-9_-]", "_")));
    ProcessSandbox sandbox;
    try {
      images.restoreInto(spec.image(), dir);
      if (bwrap.isEmpty()) {
        linkMounts(dir, spec.mounts());
      }
      sandbox = new ProcessSandbox(spec, dir, bwrap, sandboxes::remove, images);
    } catch (IOException | RuntimeException e) {
      Directories.deleteRecursively(dir);
      throw e;
    }
    sandboxes.add(sandbox);
    if (closed) {
      sandbox.terminate();
    }
    log.debug("started {}", sandbox.describe());
    return sandbox;
  }

  /**
   * A sidecar is a second process sandbox: a directory of its own as its root, its own processes,
   * and the host's network, as the main sandbox has it (a main sandbox whose network is blocked is
   * in a namespace the sidecar does not join: only on Docker do the two share one).
   */
  @Override
  public SandboxRuntime startSidecar(SandboxSpec spec, SandboxRuntime main) throws IOException {
    return start(spec);
  }

  private static void linkMounts(Path dir, List<MountSpec> mounts) throws IOException {
    for (MountSpec mount : mounts) {
      String relative = mount.sandboxPath().replaceFirst("^/+", "");
      if (relative.isEmpty()) {
        continue;
      }
      Path link = dir.resolve(relative);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, mount.hostPath().toAbsolutePath());
    }
  }

  @Override
  public void close() {
    closed = true;
    for (ProcessSandbox sandbox : List.copyOf(sandboxes)) {
      try {
        sandbox.terminate();
      } catch (RuntimeException e) {
        log.warn("could not terminate a process sandbox", e);
      }
    }
    Directories.deleteRecursively(root);
  }
}
