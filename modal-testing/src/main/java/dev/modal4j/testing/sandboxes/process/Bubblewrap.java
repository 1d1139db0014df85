package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.MountSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap command line one process of a sandbox runs under: the sandbox's own directory as a
 * writable root, the host's system directories read-only, volumes as binds, new pid, ipc and uts
 * namespaces (and a new network namespace when the network is blocked).
 */
final class Bubblewrap {
  /** Host directories shared read-only; those that are symlinks on the host become symlinks. */
  private static final List<String> SYSTEM_DIRS =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt");

  private final String executable;

  private Bubblewrap(String executable) {
    this.executable = executable;
  }

  /**
   * The installed bwrap, if one is on the PATH and can really create the namespaces here (it cannot
   * in some containers and where unprivileged user namespaces are disabled).
   */
  static Optional<Bubblewrap> detect() {
    Optional<String> found = onPath("bwrap");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process probe =
          new ProcessBuilder(
                  found.get(),
                  "--ro-bind",
                  "/",
                  "/",
                  "--proc",
                  "/proc",
                  "--dev",
                  "/dev",
                  "--unshare-pid",
                  "--unshare-ipc",
                  "--unshare-uts",
                  "--die-with-parent",
                  "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
        return Optional.of(new Bubblewrap(found.get()));
      }
      probe.destroyForcibly();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private static Optional<String> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * Prepares a sandbox root: the symlinks the host has at its top level ({@code /bin -> usr/bin} on
   * merged-/usr systems), so that every process of the sandbox sees the same layout.
   */
  static void prepareRoot(Path root) throws IOException {
    for (String dir : SYSTEM_DIRS) {
      Path host = Path.of(dir);
      Path inside = root.resolve(dir.substring(1));
      if (Files.isSymbolicLink(host)
          && !Files.exists(inside, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(inside, Files.readSymbolicLink(host));
      }
    }
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("root"));
  }

  /**
   * The command prefix that runs a program inside the sandbox rooted at {@code root}; the program
   * and its arguments follow it.
   */
  List<String> prefix(Path root, List<MountSpec> mounts, boolean blockNetwork, String workdir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(List.of("--bind", root.toString(), "/"));
    for (String dir : SYSTEM_DIRS) {
      Path host = Path.of(dir);
      if (Files.isDirectory(host) && !Files.isSymbolicLink(host)) {
        cmd.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    for (MountSpec mount : mounts) {
      cmd.add(mount.readOnly() ? "--ro-bind" : "--bind");
      cmd.add(mount.hostPath().toString());
      cmd.add(mount.sandboxPath());
    }
    cmd.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent"));
    if (blockNetwork) {
      cmd.add("--unshare-net");
    }
    cmd.addAll(List.of("--chdir", workdir));
    return cmd;
  }
}
