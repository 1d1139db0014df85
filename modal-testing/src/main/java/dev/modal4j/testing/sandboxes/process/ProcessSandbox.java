package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ResourceSample;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One sandbox of the process backend: a directory and the processes started in it, with the
 * variables and working directory of its image's {@code ENV} and {@code WORKDIR} layers (see {@link
 * LayerConfig}; the sandbox's and an exec's own override them).
 */
final class ProcessSandbox implements SandboxRuntime {
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final SandboxSpec spec;
  private final Path dir;
  private final Optional<Bubblewrap> bwrap;
  private final Consumer<ProcessSandbox> onTerminated;
  private final Set<LocalProcess> processes = ConcurrentHashMap.newKeySet();
  private final Optional<RunningProcess> main;
  private volatile boolean terminated;

  private final Optional<String> shims;
  private final LayerConfig layerConfig;
  private final SandboxImages images;
  private final ProcessTreeStats stats = new ProcessTreeStats();

  ProcessSandbox(
      SandboxSpec spec,
      Path dir,
      Optional<Bubblewrap> bwrap,
      Consumer<ProcessSandbox> onTerminated,
      ProcessImages images)
      throws IOException {
    this.images = new ProcessSandboxImages(images, dir);
    this.spec = spec;
    this.dir = dir;
    this.bwrap = bwrap;
    this.onTerminated = onTerminated;
    Files.createDirectories(dir.resolve("tmp"));
    if (bwrap.isPresent()) {
      Bubblewrap.prepareRoot(dir);
    }
    this.shims = ImageShims.prepare(dir, bwrap.isPresent());
    this.layerConfig = LayerConfig.of(spec.imageLayers(), baseEnv(false));
    this.main =
        spec.entrypoint().isEmpty()
            ? Optional.empty()
            : Optional.of(
                launch(new ExecSpec(spec.entrypoint(), Map.of(), spec.workdir(), spec.pty())));
  }

  Path dir() {
    return dir;
  }

  @Override
  public Optional<RunningProcess> main() {
    return main;
  }

  @Override
  public RunningProcess exec(ExecSpec exec) throws IOException {
    if (terminated) {
      throw new IOException("sandbox " + spec.sandboxId() + " has been terminated");
    }
    return launch(exec);
  }

  private LocalProcess launch(ExecSpec exec) throws IOException {
    String workdir = exec.workdir().or(spec::workdir).or(layerConfig::workdir).orElse("/");
    List<String> command = new ArrayList<>();
    command.add("setsid");
    Path hostWorkdir;
    if (bwrap.isPresent()) {
      Files.createDirectories(dir.resolve(workdir.substring(workdir.startsWith("/") ? 1 : 0)));
      command.addAll(bwrap.get().prefix(dir, spec.mounts(), spec.blockNetwork(), workdir));
      hostWorkdir = dir;
    } else {
      hostWorkdir = hostWorkdir(workdir);
    }
    command.addAll(exec.pty() ? Pty.wrap(exec.args()) : exec.args());
    ProcessBuilder builder = new ProcessBuilder(command).directory(hostWorkdir.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(baseEnv(exec.pty()));
    env.putAll(layerConfig.env());
    env.putAll(spec.env());
    env.putAll(exec.env());
    if (exec.pty()) {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    LocalProcess process = new LocalProcess(builder.start());
    processes.add(process);
    process.exit().whenComplete((status, e) -> processes.remove(process));
    if (terminated) {
      process.killAndWait();
    }
    return process;
  }

  private Map<String, String> baseEnv(boolean pty) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", shims.map(extra -> PATH + ":" + extra).orElse(PATH));
    if (bwrap.isPresent()) {
      env.put("HOME", "/root");
    } else {
      env.put("HOME", dir.toString());
      env.put("TMPDIR", dir.resolve("tmp").toString());
    }
    if (pty) {
      env.put("TERM", "xterm-256color");
    }
    return env;
  }

  /**
   * Without bubblewrap a sandbox path is a host path: {@code /} is the sandbox directory, a
   * directory the host has is itself, and any other path is created under the sandbox directory.
   */
  private Path hostWorkdir(String workdir) throws IOException {
    if (workdir.equals("/") || workdir.isEmpty()) {
      return dir;
    }
    Path host = Path.of(workdir);
    if (host.isAbsolute() && Files.isDirectory(host)) {
      return host;
    }
    Path inside = dir.resolve(workdir.substring(workdir.startsWith("/") ? 1 : 0));
    Files.createDirectories(inside);
    return inside;
  }

  @Override
  public Optional<SandboxImages> images() {
    return Optional.of(images);
  }

  @Override
  public Optional<ResourceSample> resourceSample() {
    return terminated
        ? Optional.empty()
        : stats.sample(processes.stream().flatMap(p -> ProcessHandle.of(p.pid()).stream()));
  }

  @Override
  public boolean sharesHostNetwork() {
    // bubblewrap gives a blocked sandbox a network namespace of its own
    return !(bwrap.isPresent() && spec.blockNetwork());
  }

  @Override
  public Optional<Integer> hostPort(int containerPort) {
    return containerPort > 0 && containerPort < 65536
        ? Optional.of(containerPort)
        : Optional.empty();
  }

  @Override
  public String describe() {
    return "process sandbox "
        + spec.sandboxId()
        + " in "
        + dir
        + (bwrap.isPresent() ? " (bubblewrap)" : " (no isolation)")
        + ", image "
        + spec.image()
        + " not used: host programs";
  }

  @Override
  public void terminate() {
    if (terminated) {
      return;
    }
    terminated = true;
    for (LocalProcess process : List.copyOf(processes)) {
      process.killAndWait();
    }
    Directories.deleteRecursively(dir);
    onTerminated.accept(this);
  }
}
