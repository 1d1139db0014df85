package dev.modal4j.testing.sandboxes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox as one container. Execs run under a one-line shell wrapper that writes the exec's pid
 * to {@code /dev/shm/.modal4j-exec-N} and then becomes the command ({@code exec "$@"}): the engine
 * has no call to signal an exec, so {@link RunningProcess#kill} runs {@code kill -N pid} through a
 * second exec. A missing program therefore exits 127 with the shell's "not found" on stderr instead
 * of failing the start.
 */
final class DockerSandbox implements SandboxRuntime {

  private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
  private static final long JOIN_MILLIS = 2_000;

  private final DockerClient client;
  private final URI engine;
  private final String sandboxId;
  private final String containerId;
  private final String image;
  private final Map<Integer, Integer> hostPorts;
  private final Consumer<DockerSandbox> onTerminated;
  private final Set<DockerProcess> processes = ConcurrentHashMap.newKeySet();
  private final AtomicInteger execs = new AtomicInteger();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private volatile Optional<RunningProcess> main = Optional.empty();
  private final SandboxImages images;

  DockerSandbox(
      DockerClient client,
      URI engine,
      String sandboxId,
      String containerId,
      String image,
      Map<Integer, Integer> hostPorts,
      Consumer<DockerSandbox> onTerminated,
      DockerImages images) {
    this.client = client;
    this.engine = engine;
    this.sandboxId = sandboxId;
    this.containerId = containerId;
    this.image = image;
    this.hostPorts = Map.copyOf(hostPorts);
    this.onTerminated = onTerminated;
    this.images = new ContainerImages(client, images, containerId, this);
  }

  /** Pumps the container's attach connection as the main process (before the container starts). */
  void attachMain(EngineConnection attached, boolean tty) {
    DockerProcess process =
        DockerProcess.start(
            sandboxId + "-main", attached, tty, this::mainExit, this::signalContainer);
    processes.add(process);
    main = Optional.of(process);
  }

  /** The container's id. */
  String containerId() {
    return containerId;
  }

  @Override
  public Optional<RunningProcess> main() {
    return main;
  }

  @Override
  public RunningProcess exec(ExecSpec spec) throws IOException {
    if (terminated.get()) {
      throw new IOException("sandbox " + sandboxId + " is terminated");
    }
    int n = execs.incrementAndGet();
    String pidFile = "/dev/shm/.modal4j-exec-" + n;
    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add("-c");
    command.add("{ echo $$ >" + pidFile + "; } 2>/dev/null; exec \"$@\"");
    command.add("sh");
    command.addAll(spec.args());
    String execId = createExec(command, spec.env(), spec.workdir(), spec.pty(), true);
    EngineConnection connection = startExec(execId, spec.pty());
    DockerProcess process =
        DockerProcess.start(
            sandboxId + "-exec-" + n,
            connection,
            spec.pty(),
            () -> execExit(execId),
            signal -> signalExec(pidFile, signal));
    processes.add(process);
    process.exit().whenComplete((status, e) -> processes.remove(process));
    return process;
  }

  @Override
  public Optional<SandboxImages> images() {
    return Optional.of(images);
  }

  @Override
  public Optional<Integer> hostPort(int containerPort) {
    return Optional.ofNullable(hostPorts.get(containerPort));
  }

  @Override
  public String describe() {
    return "container " + containerId.substring(0, 12) + " (image " + image + ")";
  }

  @Override
  public void terminate() {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    // The engine waits for an exec's streams before it removes the container: a pump held by a
    // reader that has stopped reading would hold the removal too (about 20 s, measured).
    for (DockerProcess process : List.copyOf(processes)) {
      process.stopWaitingForReaders();
    }
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already gone.
    } catch (DockerException | IllegalStateException e) {
      log.warn(
          "sandbox {}: removing container {} failed: {}", sandboxId, containerId, e.toString());
    }
    onTerminated.accept(this);
    // Let the pumps deliver what the engine sent before it closed the streams; one whose reader
    // has stopped reading finishes when it reads again or closes (no waiting on it past the
    // budget).
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
    for (DockerProcess process : List.copyOf(processes)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      try {
        process.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (DockerProcess process : List.copyOf(processes)) {
      process.killedByTerminate();
    }
  }

  /** Terminates and drops unread output, so no pump thread outlives the backend. */
  void terminateAndAbandon() {
    for (DockerProcess process : List.copyOf(processes)) {
      process.abandonOutput();
    }
    terminate();
  }

  private String createExec(
      List<String> command,
      Map<String, String> env,
      Optional<String> workdir,
      boolean tty,
      boolean withStdin)
      throws IOException {
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    try {
      var create =
          client
              .execCreateCmd(containerId)
              .withCmd(command.toArray(String[]::new))
              .withAttachStdin(withStdin)
              .withAttachStdout(true)
              .withAttachStderr(true)
              .withTty(tty)
              .withEnv(envList);
      workdir.ifPresent(create::withWorkingDir);
      return create.exec().getId();
    } catch (DockerException | IllegalStateException e) {
      throw new IOException("sandbox " + sandboxId + ": exec failed: " + e.getMessage(), e);
    }
  }

  private EngineConnection startExec(String execId, boolean tty) throws IOException {
    EngineConnection connection = EngineConnection.open(engine);
    try {
      connection.upgrade("/exec/" + execId + "/start", "{\"Detach\":false,\"Tty\":" + tty + "}");
      return connection;
    } catch (IOException e) {
      connection.close();
      throw new IOException("sandbox " + sandboxId + ": exec failed: " + e.getMessage(), e);
    }
  }

  private ExitStatus execExit(String execId) throws InterruptedException {
    long pause = 1;
    while (true) {
      if (terminated.get()) {
        // Its output ended once terminate had begun: terminate's SIGKILL ended it.
        return ExitStatus.killed(9);
      }
      InspectExecResponse inspect;
      try {
        inspect = client.inspectExecCmd(execId).exec();
      } catch (NotFoundException e) {
        return ExitStatus.killed(9);
      } catch (DockerException | IllegalStateException e) {
        log.debug("sandbox {}: exec {} inspect failed: {}", sandboxId, execId, e.toString());
        return ExitStatus.killed(9);
      }
      if (!Boolean.TRUE.equals(inspect.isRunning())) {
        Long code = inspect.getExitCodeLong();
        return code == null ? ExitStatus.killed(9) : ExitMapping.of(code, false);
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }

  private ExitStatus mainExit() throws InterruptedException {
    long pause = 1;
    while (true) {
      if (terminated.get()) {
        return ExitStatus.killed(9);
      }
      InspectContainerResponse.ContainerState state;
      try {
        state = client.inspectContainerCmd(containerId).exec().getState();
      } catch (NotFoundException e) {
        return ExitStatus.killed(9);
      } catch (DockerException | IllegalStateException e) {
        log.debug("sandbox {}: inspect failed: {}", sandboxId, e.toString());
        return ExitStatus.killed(9);
      }
      if (!Boolean.TRUE.equals(state.getRunning())) {
        Long code = state.getExitCodeLong();
        return code == null
            ? ExitStatus.killed(9)
            : ExitMapping.of(code, Boolean.TRUE.equals(state.getOOMKilled()));
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }

  private void signalContainer(int signal) {
    client.killContainerCmd(containerId).withSignal(Integer.toString(signal)).exec();
  }

  /** Waits (up to 2 s) for the wrapper's pid file, then signals that pid, through an exec. */
  private void signalExec(String pidFile, int signal) throws IOException {
    String script =
        "i=0; while [ ! -s "
            + pidFile
            + " ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i+1)); done; kill -"
            + signal
            + " \"$(cat "
            + pidFile
            + ")\"";
    String execId =
        createExec(List.of("sh", "-c", script), Map.of(), Optional.empty(), false, false);
    try (EngineConnection connection = startExec(execId, false)) {
      InputStream in = connection.in();
      byte[] drain = new byte[4096];
      while (in.read(drain, 0, drain.length) >= 0) {
        // The kill command writes nothing unless the process has already gone.
      }
    }
  }
}
