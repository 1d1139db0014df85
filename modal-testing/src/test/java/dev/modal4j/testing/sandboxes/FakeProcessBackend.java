package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only backend: every sandbox is a directory of the work dir and its processes plain {@link
 * ProcessBuilder} children (no isolation). It stands in for the process backend of another branch
 * so that the control plane can be tested; it records the specs it was given and its processes.
 * Open port {@code p} is reported on host port {@code p + 10000}, so tests can tell them apart.
 */
final class FakeProcessBackend implements SandboxBackend {
  private final Path workDir;
  private final List<SandboxSpec> specs = new CopyOnWriteArrayList<>();
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  FakeProcessBackend(Path workDir) {
    this.workDir = workDir;
  }

  List<SandboxSpec> specs() {
    return specs;
  }

  long liveProcesses() {
    return processes.stream().filter(Process::isAlive).count();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public String name() {
    return "fake-process";
  }

  @Override
  public SandboxRuntime start(SandboxSpec spec) throws IOException {
    specs.add(spec);
    Path dir = Files.createDirectories(workDir.resolve(spec.sandboxId()));
    Path cwd = spec.workdir().map(Path::of).filter(Files::isDirectory).orElse(dir);
    List<Process> mine = new CopyOnWriteArrayList<>();
    Optional<RunningProcess> main =
        spec.entrypoint().isEmpty()
            ? Optional.empty()
            : Optional.of(launch(spec.entrypoint(), spec.env(), cwd, mine));
    return new SandboxRuntime() {
      @Override
      public Optional<RunningProcess> main() {
        return main;
      }

      @Override
      public RunningProcess exec(ExecSpec exec) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(spec.env());
        env.putAll(exec.env());
        return launch(exec.args(), env, exec.workdir().map(Path::of).orElse(cwd), mine);
      }

      @Override
      public Optional<Integer> hostPort(int containerPort) {
        return spec.openPorts().contains(containerPort)
            ? Optional.of(containerPort + 10000)
            : Optional.empty();
      }

      @Override
      public String describe() {
        return "fake-process " + dir + " image " + spec.image();
      }

      @Override
      public void terminate() {
        mine.forEach(
            p -> {
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
            });
      }
    };
  }

  private RunningProcess launch(
      List<String> args, Map<String, String> env, Path cwd, List<Process> mine) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(args).directory(cwd.toFile());
    builder.environment().putAll(env);
    builder.environment().putIfAbsent("PATH", "/usr/bin" + File.pathSeparator + "/bin");
    Process process = builder.start();
    processes.add(process);
    mine.add(process);
    return new RunningProcess() {
      @Override
      public OutputStream stdin() {
        return process.getOutputStream();
      }

      @Override
      public InputStream stdout() {
        return process.getInputStream();
      }

      @Override
      public InputStream stderr() {
        return process.getErrorStream();
      }

      @Override
      public CompletableFuture<ExitStatus> exit() {
        return process.onExit().thenApply(p -> ExitStatus.exited(p.exitValue()));
      }

      @Override
      public void kill(int signal) {
        if (signal == 9) {
          process.destroyForcibly();
        } else {
          process.destroy();
        }
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    processes.forEach(Process::destroyForcibly);
    for (Process p : processes) {
      try {
        p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
