package dev.modal4j.testing.sandboxes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * The container backend: every sandbox is a container of a local Docker engine, reached through
 * Testcontainers' client (docker-java underneath) for everything but the streams, which use raw
 * connections of our own so stdin can end with EOF ({@link EngineConnection}).
 *
 * <p>Nothing is ever pulled: an image reference runs as the local image of that name when there is
 * one, else as the base image ({@link #BASE_IMAGE}, built by {@code
 * modal-testing/docker/build-base-image.sh}); an image's layers (its Dockerfile commands) are built
 * on it for real ({@link LayerBuilder}). CPU and memory requests and limits become the container's
 * shares, reservation, NanoCPUs and memory limit; volumes are bind mounts; open ports are published
 * on 127.0.0.1 with ports the engine picks; block network is network mode {@code none}. Every
 * container runs under the engine's init (so signals reach the entrypoint and orphans are reaped)
 * and carries {@link ContainerLabels}; {@link #close()} removes them all and {@link
 * #removeLeftovers()} removes those of emulators that died.
 *
 * <p>The engine is {@code DOCKER_HOST} or the local Unix socket; the client is made from
 * Testcontainers' transport directly, so no Ryuk container, start-up check or image pull is
 * involved and no Testcontainers environment variable is needed.
 */
public final class DockerBackend implements SandboxBackend {

  /** The image a sandbox runs when its image is not a local one: Debian, busybox, python3. */
  public static final String BASE_IMAGE = "modal4j/sandbox-base:2";

  private static final Logger log = LoggerFactory.getLogger(DockerBackend.class);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
  private static final long MIN_MEMORY_BYTES = 6L << 20;
  private static final List<String> IDLE = List.of("tail", "-f", "/dev/null");

  private final DockerClient client;
  private final URI engine;
  private final String baseImage;
  private final String backendId = UUID.randomUUID().toString();
  private final int hostCpus;
  private final LayerBuilder layers;
  private final DockerImages images;
  private final Set<DockerSandbox> sandboxes = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DockerBackend(DockerClient client, URI engine, String baseImage, int hostCpus) {
    this.client = client;
    this.engine = engine;
    this.baseImage = baseImage;
    this.hostCpus = hostCpus;
    this.layers = new LayerBuilder(client);
    this.images = new DockerImages(client, engine, baseImage, layers, helperLabels());
  }

  /**
   * Whether a Docker engine answers at {@code DOCKER_HOST} (default {@code
   * unix:///var/run/docker.sock}) within a second; for {@code auto}. Never throws.
   */
  public static boolean engineAnswers() {
    return EngineConnection.ping(defaultEngine(), PING_TIMEOUT);
  }

  /** Connects with the {@link #BASE_IMAGE}; see {@link #connect(String)}. */
  public static DockerBackend connect() throws IOException {
    return connect(BASE_IMAGE);
  }

  /**
   * Connects to the local Docker engine, checks that {@code baseImage} is there and removes the
   * leftovers of dead emulators.
   *
   * @throws IOException if no engine answers, the client cannot use it, or the base image is
   *     missing (the message says which, and what to run)
   */
  public static DockerBackend connect(String baseImage) throws IOException {
    if (!engineAnswers()) {
      throw new IOException("no Docker engine answers at " + defaultEngine());
    }
    DockerClient client;
    URI engine = defaultEngine();
    int cpus;
    try {
      // docker-java through Testcontainers' transport, without DockerClientFactory: the factory
      // would start Ryuk and run its start-up checks, which pull images (this backend removes its
      // own leftovers instead, see removeLeftovers).
      client =
          DockerClientProviderStrategy.getClientForConfig(
              TransportConfig.builder().dockerHost(engine).build());
      cpus = Math.max(1, client.infoCmd().exec().getNCPU());
    } catch (RuntimeException e) {
      throw new IOException("cannot use the Docker engine at " + engine + ": " + e.getMessage(), e);
    }
    if (!imageExists(client, baseImage)) {
      throw new IOException(
          "the sandbox base image "
              + baseImage
              + " is missing: run modal-testing/docker/build-base-image.sh");
    }
    DockerBackend backend = new DockerBackend(client, engine, baseImage, cpus);
    backend.removeLeftovers();
    return backend;
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public SandboxRuntime start(SandboxSpec spec) throws IOException {
    return start(spec, Optional.empty());
  }

  /** Builds layers with the engine, on the base image when a registry tag is not local. */
  @Override
  public Optional<dev.modal4j.testing.sandboxes.backend.ImageBuilder> imageBuilder() {
    return Optional.of(new DockerImageBuilder(client, layers, baseImage));
  }

  /**
   * A sidecar is a second container from its own image that joins the main container's network
   * namespace ({@code NetworkMode container:<id>}: the two reach each other on localhost), with the
   * mounts of {@code spec}; it is removed with the sandbox.
   */
  @Override
  public SandboxRuntime startSidecar(SandboxSpec spec, SandboxRuntime main) throws IOException {
    if (!(main instanceof DockerSandbox sandbox)) {
      throw new IOException("sandbox " + spec.sandboxId() + " is not a container of this backend");
    }
    return start(spec, Optional.of(sandbox.containerId()));
  }

  private SandboxRuntime start(SandboxSpec spec, Optional<String> networkOf) throws IOException {
    if (closed) {
      throw new IOException("the docker backend is closed");
    }
    String image = resolveImage(spec.image(), spec.sandboxId());
    if (!spec.imageLayers().isEmpty()) {
      try {
        image = layers.build(image, spec.imageLayers());
      } catch (IOException e) {
        if (image.equals(spec.image())) {
          throw new IOException("sandbox " + spec.sandboxId() + ": " + e.getMessage(), e);
        }
        // The layers were written for an image that is not here (apk on Alpine, say): the base
        // image is a stand-in, and so is running it without them.
        log.warn(
            "sandbox {}: the layers of {} do not build on {}; running {} without them: {}",
            spec.sandboxId(),
            spec.image(),
            image,
            image,
            e.getMessage());
      }
    }
    boolean hasMain = !spec.entrypoint().isEmpty();
    String containerId = create(spec, image, hasMain, networkOf);
    try {
      EngineConnection attached = null;
      if (hasMain) {
        attached = EngineConnection.open(engine);
        attached.upgrade(
            "/containers/" + containerId + "/attach?stream=1&stdin=1&stdout=1&stderr=1", "");
      }
      try {
        client.startContainerCmd(containerId).exec();
      } catch (DockerException | IllegalStateException e) {
        if (attached != null) {
          attached.close();
        }
        throw new IOException(
            "sandbox " + spec.sandboxId() + ": the container did not start: " + e.getMessage(), e);
      }
      DockerSandbox sandbox =
          new DockerSandbox(
              client,
              engine,
              spec.sandboxId(),
              containerId,
              image,
              publishedPorts(containerId),
              sandboxes::remove,
              images);
      if (attached != null) {
        sandbox.attachMain(attached, spec.pty());
      }
      sandboxes.add(sandbox);
      log.debug("sandbox {} started: {}", spec.sandboxId(), sandbox.describe());
      return sandbox;
    } catch (IOException | RuntimeException e) {
      removeQuietly(containerId);
      throw e;
    }
  }

  /**
   * Removes the containers of emulators that have gone: those labelled with this host and a pid
   * that no longer runs. Containers of live emulators, this one's included, are left alone.
   *
   * @return how many were removed
   */
  public int removeLeftovers() {
    String host = hostName();
    int removed = 0;
    List<Container> containers;
    try {
      containers =
          client
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(ContainerLabels.KIND, ContainerLabels.SANDBOX))
              .exec();
    } catch (DockerException | IllegalStateException e) {
      log.warn("listing leftover sandbox containers failed: {}", e.toString());
      return 0;
    }
    for (Container container : containers) {
      String owner = container.getLabels().getOrDefault(ContainerLabels.OWNER, "");
      int colon = owner.lastIndexOf(':');
      if (colon < 0 || !owner.substring(0, colon).equals(host)) {
        continue;
      }
      long pid;
      try {
        pid = Long.parseLong(owner.substring(colon + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      removeQuietly(container.getId());
      removed++;
    }
    if (removed > 0) {
      log.info("removed {} sandbox containers left by emulators that have gone", removed);
    }
    return removed;
  }

  @Override
  public void close() {
    closed = true;
    for (DockerSandbox sandbox : List.copyOf(sandboxes)) {
      sandbox.terminateAndAbandon();
    }
    try {
      for (Container container :
          client
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(ContainerLabels.BACKEND, backendId))
              .exec()) {
        removeQuietly(container.getId());
      }
    } catch (DockerException | IllegalStateException e) {
      log.warn("listing this backend's containers failed: {}", e.toString());
    }
    images.close(layers.built());
  }

  private Map<String, String> helperLabels() {
    return Map.of(
        ContainerLabels.KIND,
        ContainerLabels.SANDBOX,
        ContainerLabels.BACKEND,
        backendId,
        ContainerLabels.OWNER,
        hostName() + ":" + ProcessHandle.current().pid());
  }

  private String create(SandboxSpec spec, String image, boolean hasMain, Optional<String> networkOf)
      throws IOException {
    List<String> env = new ArrayList<>();
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    Map<String, String> labels = new HashMap<>();
    labels.put(ContainerLabels.KIND, ContainerLabels.SANDBOX);
    labels.put(ContainerLabels.SANDBOX_ID, spec.sandboxId());
    labels.put(ContainerLabels.BACKEND, backendId);
    labels.put(ContainerLabels.OWNER, hostName() + ":" + ProcessHandle.current().pid());

    HostConfig host = HostConfig.newHostConfig().withInit(true);
    if (spec.milliCpuMax() > 0) {
      long nanos = Math.min((long) spec.milliCpuMax() * 1_000_000L, hostCpus * 1_000_000_000L);
      host.withNanoCPUs(Math.max(nanos, 10_000_000L));
    }
    if (spec.milliCpu() > 0) {
      host.withCpuShares(Math.max(2, spec.milliCpu() * 1024 / 1000));
    }
    if (spec.memoryMbMax() > 0) {
      host.withMemory(Math.max((long) spec.memoryMbMax() << 20, MIN_MEMORY_BYTES));
    }
    if (spec.memoryMb() > 0) {
      long reservation = Math.max((long) spec.memoryMb() << 20, MIN_MEMORY_BYTES);
      if (spec.memoryMbMax() > 0) {
        reservation = Math.min(reservation, Math.max((long) spec.memoryMbMax() << 20, 0));
      }
      host.withMemoryReservation(reservation);
    }
    List<Bind> binds = new ArrayList<>();
    for (MountSpec mount : spec.mounts()) {
      binds.add(
          new Bind(
              mount.hostPath().toAbsolutePath().toString(),
              new Volume(mount.sandboxPath()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    host.withBinds(binds);
    List<ExposedPort> exposed = new ArrayList<>();
    if (networkOf.isPresent()) {
      host.withNetworkMode("container:" + networkOf.get());
    } else if (spec.blockNetwork()) {
      host.withNetworkMode("none");
      if (!spec.openPorts().isEmpty()) {
        log.info(
            "sandbox {}: network blocked, ports {} not published",
            spec.sandboxId(),
            spec.openPorts());
      }
    } else {
      Ports ports = new Ports();
      for (int port : spec.openPorts()) {
        ExposedPort tcp = ExposedPort.tcp(port);
        exposed.add(tcp);
        ports.bind(tcp, Ports.Binding.bindIp("127.0.0.1"));
      }
      host.withPortBindings(ports);
    }

    CreateContainerCmd create =
        client
            .createContainerCmd(image)
            .withName(
                "modal4j-" + spec.sandboxId() + "-" + UUID.randomUUID().toString().substring(0, 8))
            .withLabels(labels)
            .withEnv(env)
            .withEntrypoint(hasMain ? spec.entrypoint() : IDLE)
            .withTty(hasMain && spec.pty())
            .withExposedPorts(exposed)
            .withHostConfig(host);
    if (hasMain) {
      create
          .withAttachStdin(true)
          .withAttachStdout(true)
          .withAttachStderr(true)
          .withStdinOpen(true)
          .withStdInOnce(true);
    }
    spec.workdir().ifPresent(create::withWorkingDir);
    try {
      return create.exec().getId();
    } catch (DockerException | IllegalStateException e) {
      throw new IOException(
          "sandbox " + spec.sandboxId() + ": the container was refused: " + e.getMessage(), e);
    }
  }

  private Map<Integer, Integer> publishedPorts(String containerId) {
    Map<Integer, Integer> result = new HashMap<>();
    InspectContainerResponse inspect = client.inspectContainerCmd(containerId).exec();
    if (inspect.getNetworkSettings() == null || inspect.getNetworkSettings().getPorts() == null) {
      return result;
    }
    inspect
        .getNetworkSettings()
        .getPorts()
        .getBindings()
        .forEach(
            (port, bindings) -> {
              if (bindings == null) {
                return;
              }
              for (Ports.Binding binding : bindings) {
                if ("127.0.0.1".equals(binding.getHostIp()) && binding.getHostPortSpec() != null) {
                  result.put(port.getPort(), Integer.parseInt(binding.getHostPortSpec()));
                }
              }
            });
    return result;
  }

  private String resolveImage(String reference, String sandboxId) {
    if (reference != null && !reference.isBlank() && imageExists(client, reference)) {
      return reference;
    }
    log.info(
        "sandbox {}: image {} is not a local image; running {} (nothing is pulled)",
        sandboxId,
        reference,
        baseImage);
    return baseImage;
  }

  private static boolean imageExists(DockerClient client, String reference) {
    try {
      client.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException | IllegalArgumentException e) {
      return false;
    }
  }

  private void removeQuietly(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already gone.
    } catch (DockerException | IllegalStateException e) {
      log.warn("removing container {} failed: {}", containerId, e.toString());
    }
  }

  private static URI defaultEngine() {
    String host = System.getenv("DOCKER_HOST");
    return URI.create(host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
