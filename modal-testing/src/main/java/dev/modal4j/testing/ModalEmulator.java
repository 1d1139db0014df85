package dev.modal4j.testing;

import dev.modal4j.ModalClient;
import dev.modal4j.testing.classes.ClassesBackend;
import dev.modal4j.testing.dicts.DictsArea;
import dev.modal4j.testing.functions.AppDirectory;
import dev.modal4j.testing.functions.EmulatedApp;
import dev.modal4j.testing.functions.ExecutionListener;
import dev.modal4j.testing.functions.FunctionFaults;
import dev.modal4j.testing.functions.FunctionsBackend;
import dev.modal4j.testing.images.ImageStore;
import dev.modal4j.testing.images.ImagesArea;
import dev.modal4j.testing.internal.AppsArea;
import dev.modal4j.testing.internal.AuthArea;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.oauth.OAuthClient;
import dev.modal4j.testing.oauth.OAuthClients;
import dev.modal4j.testing.observability.FunctionRuns;
import dev.modal4j.testing.observability.ObservabilityArea;
import dev.modal4j.testing.queues.QueuesArea;
import dev.modal4j.testing.sandboxes.CommandRouterServer;
import dev.modal4j.testing.sandboxes.EmulatedSandboxes;
import dev.modal4j.testing.sandboxes.SandboxBackendType;
import dev.modal4j.testing.sandboxes.SandboxBackends;
import dev.modal4j.testing.sandboxes.SandboxesArea;
import dev.modal4j.testing.sandboxes.backend.SandboxBackend;
import dev.modal4j.testing.sandboxes.snapshots.SnapshotsArea;
import dev.modal4j.testing.sandboxes.usage.ResourceUsageArea;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Modal control plane, served both in-process and as plaintext gRPC on 127.0.0.1.
 *
 * <pre>{@code
 * try (ModalEmulator emulator = ModalEmulator.start()) {
 *   ManagedChannel channel = emulator.inProcessChannel();   // or dial emulator.url()
 *   emulator.faults().failRpc("*", 0.05, Status.Code.UNAVAILABLE);
 *   ...
 *   assertThat(emulator.stats().count("AuthTokenGet")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>It enforces Modal's credential rules (any non-empty token id and secret; auth tokens it issued
 * and that have not expired) and answers RPCs no area serves with UNIMPLEMENTED.
 */
public final class ModalEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModalEmulator.class);

  /** The token id {@code clientBuilder()} configures. */
  public static final String TOKEN_ID = "ak-emulator";

  /** The token secret {@code clientBuilder()} configures; any non-empty secret is accepted. */
  public static final String TOKEN_SECRET = "as-emulator";

  private static final Path NO_HOME =
      Path.of(
          System.getProperty("java.io.tmpdir"),
          "modal4j-emulator-no-home-" + java.util.UUID.randomUUID());

  /** How many idempotency-key outcomes are kept at most. */
  static final int IDEMPOTENCY_MAX_ENTRIES = 100_000;

  /** How many bytes of responses the idempotency cache keeps at most. */
  static final long IDEMPOTENCY_MAX_BYTES = 64L * 1024 * 1024;

  private static final List<Function<EmulatorState, EmulatorArea>> DEFAULT_AREAS =
      List.of(AuthArea::new, AppsArea::new);

  private final EmulatorState state;
  private final List<EmulatorArea> areas = new ArrayList<>();
  private final FunctionsBackend functions;
  private final ClassesBackend classes;
  private final QueuesArea queues;
  private final DictsArea dicts;
  private final ImagesArea images;
  private final SandboxesArea sandboxes;
  private final dev.modal4j.testing.volumes.VolumeFilesArea volumeFiles;
  private final CommandRouterServer router;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService executor;
  private final EmulatorServers servers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final EmulatorThreads threads = new EmulatorThreads();
  private final OAuthClients oauth;

  private ModalEmulator(Builder builder) {
    scheduler = Executors.newSingleThreadScheduledExecutor(threads.factory("timer"));
    executor = Executors.newCachedThreadPool(threads.factory("worker"));
    EmulatorStats stats = new EmulatorStats(builder.recordedCalls);
    FunctionRuns runs = new FunctionRuns();
    oauth = new OAuthClients(builder.oauthClients, builder.clock);
    state =
        new EmulatorState(
            builder.clock, builder.tokenLifetime, builder.seed, stats, scheduler, executor);
    state.logs().ttl(builder.callTtl);
    FunctionsBackend.Builder functionsBuilder =
        FunctionsBackend.builder()
            .grpcUrl(state::url)
            .faults(FunctionFaults.from(state.faults()))
            .apps(AppDirectory.of(state))
            .callTtl(builder.callTtl)
            .retainedOutputs(builder.retainedOutputs)
            .logs(state.logs())
            .executionListener(executionsInto(stats, runs));
    if (builder.blobUrlBase != null) {
      functionsBuilder.blobUrlBase(builder.blobUrlBase);
    }
    builder.blobMultipart.accept(functionsBuilder);
    functions = functionsBuilder.build();
    classes = new ClassesBackend(state, functions.registry());
    queues = new QueuesArea(state);
    dicts = new DictsArea(state);
    images = new ImagesArea(state, classes.secrets());
    Function<Path, ? extends SandboxBackend> backendFactory = builder.sandboxBackendFactory;
    if (backendFactory == null) {
      SandboxBackendType type = builder.sandboxBackendType;
      backendFactory = dir -> SandboxBackends.create(type, dir);
    }
    CommandRouterServer[] routerRef = new CommandRouterServer[1];
    sandboxes =
        new SandboxesArea(
            state,
            images.store(),
            classes.secrets(),
            classes.volumes(),
            backendFactory,
            () -> routerRef[0],
            builder.finishedSandboxTtl);
    sandboxes.attach(
        new dev.modal4j.testing.sandboxes.SandboxAttachments(
            classes.proxies(), classes.buckets(), classes.secrets()));
    images.buildWith(sandboxes.imageBuilder());
    volumeFiles =
        new dev.modal4j.testing.volumes.VolumeFilesArea(
            state, classes.volumes(), sandboxes.volumeDirectories(), functions.blobs());
    router = new CommandRouterServer(sandboxes.tasks(), state, sandboxes.tunnels()::keyManagers);
    routerRef[0] = router;
    try {
      DEFAULT_AREAS.forEach(factory -> areas.add(factory.apply(state)));
      areas.addAll(functions.areas());
      areas.add(classes);
      areas.add(queues);
      areas.add(dicts);
      areas.add(images);
      areas.add(new dev.modal4j.testing.images.ImageTagsArea(state, images.store()));
      areas.add(sandboxes);
      areas.add(sandboxes.sidecarArea());
      areas.add(new dev.modal4j.testing.workspace.WorkspaceArea(state, sandboxes));
      areas.add(volumeFiles);
      areas.add(
          dev.modal4j.testing.mounts.MountsArea.attach(state, volumeFiles, images, sandboxes));
      areas.add(new SnapshotsArea(state, images.store(), sandboxes.control()));
      areas.add(new dev.modal4j.testing.logs.LogsArea(state, functions::callInfo));
      areas.add(new ResourceUsageArea(state, new EmulatedSandboxes(sandboxes)));
      areas.add(new ObservabilityArea(state, functions.registry(), runs));
      builder.areaFactories.forEach(factory -> areas.add(factory.apply(state)));
      ServerServiceDefinition service =
          EmulatorService.build(
              areas,
              new StatsInterceptor(stats, builder.clock),
              new AuthInterceptor(state.jwts(), oauth),
              new FaultInterceptor(state.faults(), scheduler, executor),
              new IdempotencyInterceptor(
                  new IdempotencyCache(
                      builder.idempotencyKeyTtl, IDEMPOTENCY_MAX_ENTRIES, IDEMPOTENCY_MAX_BYTES),
                  stats,
                  scheduler));
      servers = new EmulatorServers(service, builder.port, executor, threads);
    } catch (RuntimeException e) {
      router.close();
      releaseAreasAndThreads();
      throw e;
    }
    state.url("http://" + EmulatorServers.HOST + ":" + servers.port());
    try {
      builder.fixtures.forEach(
          f ->
              dev.modal4j.testing.fixtures.FixtureSeeder.seed(
                  f, state, functions.registry(), classes));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.debug("modal emulator serving at {}", state.url());
  }

  private static ExecutionListener executionsInto(EmulatorStats stats, FunctionRuns runs) {
    return new ExecutionListener() {
      @Override
      public void started(String functionId, String functionCallId, String inputId) {
        runs.started(functionId, functionCallId, inputId);
      }

      @Override
      public void finished(dev.modal4j.testing.functions.InputOutcome outcome) {
        runs.finished(outcome);
      }

      @Override
      public void executed(String functionCallId, String inputId) {
        stats.recordExecution(inputId);
      }

      @Override
      public void expired(String functionCallId, List<String> inputIds) {
        stats.forgetExecutions(inputIds);
      }
    };
  }

  /** The OAuth clients and refresh tokens the emulator accepts (see {@link OAuthClients}). */
  public OAuthClients oauth() {
    return oauth;
  }

  /** Starts an emulator with default settings on an ephemeral port. */
  public static ModalEmulator start() {
    return builder().start();
  }

  /** A builder for an emulator with custom settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The loopback URL, {@code http://127.0.0.1:<port>}; point {@code MODAL_SERVER_URL} here. */
  public String url() {
    return state.url();
  }

  /** The loopback port actually bound. */
  public int port() {
    return servers.port();
  }

  /** An in-process channel to this emulator; owned and closed by the emulator. */
  public ManagedChannel inProcessChannel() {
    return servers.channel();
  }

  /** Fault injection. */
  public Faults faults() {
    return state.faults();
  }

  /** Per-RPC call counts and recent calls with their headers. */
  public EmulatorStats stats() {
    return state.stats();
  }

  /** The state the emulator's areas share: apps, environments, clock, token issuer. */
  public EmulatorState state() {
    return state;
  }

  /**
   * Deploys functions into app {@code appName} (default environment):
   *
   * <pre>{@code
   * emulator.deploy("my-app").function("square", (args, kwargs) -> ...);
   * }</pre>
   */
  public EmulatedApp deploy(String appName) {
    return functions.deploy(appName);
  }

  /** The classes backend: deployed classes, bound instances, secrets and volumes. */
  public ClassesBackend classes() {
    return classes;
  }

  /** The queues: limits, ephemeral expiry, parked calls. */
  public QueuesArea queues() {
    return queues;
  }

  /** The dicts: ephemeral expiry and the raw bytes stored. */
  public DictsArea dicts() {
    return dicts;
  }

  /** The images built so far: each image's registry tag and layer commands. */
  public ImageStore images() {
    return images.store();
  }

  /**
   * The sandboxes, read-only: each one's id, definition as received, state and backend description.
   */
  public EmulatedSandboxes sandboxes() {
    return new EmulatedSandboxes(sandboxes);
  }

  /** The files API of volumes: each volume's host directory, as sandboxes mount it. */
  public dev.modal4j.testing.volumes.VolumeFilesArea volumeFiles() {
    return volumeFiles;
  }

  /**
   * The CA certificate of the encrypted tunnels: the emulator makes it at start, and the TLS
   * endpoint of every tunnel presents a server certificate for {@code 127.0.0.1} and {@code
   * localhost} that it signed. Trust it to reach a tunnel's {@code https://} URL.
   */
  public X509Certificate tunnelCertificate() {
    return sandboxes.tunnels().certificate();
  }

  /** A client SSLContext that trusts {@link #tunnelCertificate()} and nothing else. */
  public SSLContext tunnelSslContext() {
    return sandboxes.tunnels().clientContext();
  }

  /** The functions backend: registry of deployed functions, calls, blobs, input plane. */
  public FunctionsBackend functions() {
    return functions;
  }

  /**
   * A {@link ModalClient} builder wired to this emulator: the in-process channel (also for the
   * input plane), {@link #url()} as server URL, and the token {@link #TOKEN_ID}/{@link
   * #TOKEN_SECRET}. It ignores {@code MODAL_*} environment variables and {@code ~/.modal.toml}, so
   * tests do not depend on the machine; call {@code environmentVariables}/{@code homeDirectory} on
   * the builder to change that. Closing the client leaves the emulator running.
   */
  public ModalClient.Builder clientBuilder() {
    return ModalClient.builder()
        .channel(inProcessChannel())
        .serverUrl(url())
        .tokenId(TOKEN_ID)
        .tokenSecret(TOKEN_SECRET)
        .environmentVariables(Map.of())
        .homeDirectory(NO_HOME);
  }

  /** A new client from {@link #clientBuilder()}; the caller closes it. */
  public ModalClient newClient() {
    return clientBuilder().build();
  }

  /** Stops both servers, the areas and every thread the emulator started; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    servers.close();
    router.close();
    releaseAreasAndThreads();
  }

  private void releaseAreasAndThreads() {
    for (int i = areas.size() - 1; i >= 0; i--) {
      try {
        areas.get(i).close();
      } catch (RuntimeException e) {
        log.warn("emulator area {} failed to close", areas.get(i).getClass().getName(), e);
      }
    }
    functions.close();
    scheduler.shutdownNow();
    executor.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.join(5000);
  }

  /** Settings for a {@link ModalEmulator}; {@link #start()} builds and starts it. */
  public static final class Builder {
    private int port;
    private Duration tokenLifetime = Duration.ofHours(1);
    private long seed = 42;
    private Clock clock = Clock.systemUTC();
    private int recordedCalls = 1000;
    private URI blobUrlBase;
    private java.util.function.Consumer<FunctionsBackend.Builder> blobMultipart = f -> {};
    private Duration callTtl = FunctionsBackend.DEFAULT_CALL_TTL;
    private int retainedOutputs = FunctionsBackend.DEFAULT_RETAINED_OUTPUTS;
    private Duration idempotencyKeyTtl = Duration.ofMinutes(10);
    private SandboxBackendType sandboxBackendType = SandboxBackendType.AUTO;
    private Function<Path, ? extends SandboxBackend> sandboxBackendFactory;
    private Duration finishedSandboxTtl = Duration.ofHours(1);
    private final List<Function<EmulatorState, ? extends EmulatorArea>> areaFactories =
        new ArrayList<>();
    private final List<OAuthClient> oauthClients = new ArrayList<>();
    private final List<dev.modal4j.testing.fixtures.Fixtures> fixtures = new ArrayList<>();

    private Builder() {}

    /**
     * Registers an OAuth client; issue its refresh tokens with {@code
     * emulator.oauth().issueRefreshToken(clientId)}.
     */
    public Builder oauthClient(OAuthClient client) {
      oauthClients.add(java.util.Objects.requireNonNull(client, "client"));
      return this;
    }

    /** The loopback port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
      }
      this.port = port;
      return this;
    }

    /** How long issued auth tokens live (their {@code exp}); default one hour. */
    public Builder tokenLifetime(Duration tokenLifetime) {
      if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
        throw new IllegalArgumentException("tokenLifetime must be at least 1 s: " + tokenLifetime);
      }
      this.tokenLifetime = tokenLifetime;
      return this;
    }

    /** The seed of every random decision (faults, ids); default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock for token expiry and timestamps; default the system UTC clock. */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock must not be null");
      }
      this.clock = clock;
      return this;
    }

    /** How many recent calls {@link EmulatorStats#calls()} keeps; default 1000, 0 for none. */
    public Builder recordedCalls(int recordedCalls) {
      if (recordedCalls < 0) {
        throw new IllegalArgumentException("recordedCalls must be >= 0, got " + recordedCalls);
      }
      this.recordedCalls = recordedCalls;
      return this;
    }

    /**
     * Where the blob upload and download URLs handed out by BlobCreate and BlobGet point (default:
     * the emulator's own loopback HTTP server). For testing a client against URLs it must refuse,
     * e.g. {@code URI.create("http://example.com/bucket")}; blobs cannot be transferred through
     * such URLs.
     *
     * @param base an absolute URL; blob URLs are {@code base + "/blobs/" + blobId}
     * @return this builder
     */
    public Builder blobUrlBase(URI base) {
      if (base == null || base.getScheme() == null || base.getHost() == null) {
        throw new IllegalArgumentException("blobUrlBase must be an absolute URL: " + base);
      }
      this.blobUrlBase = base;
      return this;
    }

    /**
     * Blob uploads longer than {@code thresholdBytes} get a multipart upload in parts of {@code
     * partLengthBytes}, as Modal answers BlobCreate for large blobs (default: above Modal's 1 GiB,
     * in 64 MiB parts). Small values let a test drive the multipart path with small payloads.
     *
     * @throws IllegalArgumentException if the threshold is negative or the part length not positive
     */
    public Builder blobMultipart(long thresholdBytes, long partLengthBytes) {
      if (thresholdBytes < 0 || partLengthBytes < 1) {
        throw new IllegalArgumentException(
            "blobMultipart needs a threshold >= 0 and a positive part length, got "
                + thresholdBytes
                + " and "
                + partLengthBytes);
      }
      this.blobMultipart =
          f -> f.blobMultipartThreshold(thresholdBytes).blobMultipartPartLength(partLengthBytes);
      return this;
    }

    /**
     * At most how many outputs finished function calls keep together (default {@value
     * FunctionsBackend#DEFAULT_RETAINED_OUTPUTS}); past it the calls idle longest expire before
     * {@link #callTtl}, answering as expired calls do. Bounds the heap of a long batch.
     *
     * @throws IllegalArgumentException if {@code outputs} is not positive
     */
    public Builder retainedOutputs(int outputs) {
      if (outputs < 1) {
        throw new IllegalArgumentException("retainedOutputs must be positive, got " + outputs);
      }
      this.retainedOutputs = outputs;
      return this;
    }

    /**
     * How long a function call with no unfinished inputs is kept, with its outputs, after its last
     * activity; default one hour (Modal keeps spawned calls' results for up to 7 days). After that,
     * FunctionGetOutputs answers with no outputs and no unfinished inputs (Modal's "expired") and
     * other RPCs naming the call with NOT_FOUND; this bounds a long-running emulator's memory.
     */
    public Builder callTtl(Duration callTtl) {
      if (callTtl == null || callTtl.isNegative() || callTtl.isZero()) {
        throw new IllegalArgumentException("callTtl must be positive, got " + callTtl);
      }
      this.callTtl = callTtl;
      return this;
    }

    /**
     * How long the outcome of a unary call is kept for retries carrying the same {@code
     * x-idempotency-key} (per RPC method and key; at most 100,000 outcomes and 64 MiB); default 10
     * minutes. Such a retry gets the first call's response and is not served again; one arriving
     * while the first still runs waits for it. {@link Duration#ZERO} ignores the header, so a retry
     * after a lost response ({@link Faults#loseResponses}) is served twice.
     */
    public Builder idempotencyKeyTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative()) {
        throw new IllegalArgumentException("idempotencyKeyTtl must be >= 0, got " + ttl);
      }
      this.idempotencyKeyTtl = ttl;
      return this;
    }

    /**
     * Where sandboxes run (default {@link SandboxBackendType#AUTO}: containers when a Docker engine
     * answers, else local processes). The backend starts on the first SandboxCreate (or the first
     * image layer with commands to build), so an emulator that runs no sandbox needs none.
     */
    public Builder sandboxBackend(SandboxBackendType type) {
      if (type == null) {
        throw new IllegalArgumentException("sandboxBackend must not be null");
      }
      this.sandboxBackendType = type;
      this.sandboxBackendFactory = null;
      return this;
    }

    /**
     * How long an ended sandbox stays known, with its result and output; default one hour. After
     * that every RPC naming it answers NOT_FOUND, which bounds a long-running emulator's memory.
     */
    public Builder finishedSandboxTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("finishedSandboxTtl must be positive, got " + ttl);
      }
      this.finishedSandboxTtl = ttl;
      return this;
    }

    SandboxBackendType sandboxBackendType() {
      return sandboxBackendType;
    }

    /**
     * Runs sandboxes on a backend of one's own, made by {@code factory} on the first SandboxCreate
     * from a directory it may use (deleted when the emulator closes); the emulator closes it.
     */
    public Builder sandboxBackend(Function<Path, ? extends SandboxBackend> factory) {
      if (factory == null) {
        throw new IllegalArgumentException("sandboxBackend factory must not be null");
      }
      this.sandboxBackendFactory = factory;
      return this;
    }

    /**
     * Adds areas after the built-in ones. A method an added area binds replaces the same method of
     * an earlier area.
     */
    public Builder areas(EmulatorArea... areas) {
      for (EmulatorArea area : areas) {
        addArea(area);
      }
      return this;
    }

    /** Adds one area after the built-in ones (see {@link #areas}). */
    public Builder addArea(EmulatorArea area) {
      if (area == null) {
        throw new IllegalArgumentException("area must not be null");
      }
      areaFactories.add(state -> area);
      return this;
    }

    /**
     * Adds an area built from the emulator's shared state when the emulator starts, e.g. {@code
     * addAreaFactory(MyArea::new)}; ordered with {@link #addArea} calls.
     */
    public Builder addAreaFactory(Function<EmulatorState, ? extends EmulatorArea> factory) {
      if (factory == null) {
        throw new IllegalArgumentException("area factory must not be null");
      }
      areaFactories.add(factory);
      return this;
    }

    /**
     * Seeds the emulator with the named apps, secrets, volumes and proxies of a fixtures file (see
     * {@link dev.modal4j.testing.fixtures.Fixtures} for the format); read now, applied at start.
     *
     * @throws IllegalArgumentException if the file is not valid fixtures JSON
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public Builder fixtures(Path file) {
      return fixtures(dev.modal4j.testing.fixtures.Fixtures.parse(file));
    }

    /** Seeds the emulator with these fixtures at start (after those added before). */
    public Builder fixtures(dev.modal4j.testing.fixtures.Fixtures fixtures) {
      if (fixtures == null) {
        throw new IllegalArgumentException("fixtures must not be null");
      }
      this.fixtures.add(fixtures);
      return this;
    }

    /**
     * Seeds the emulator with what Modal's own Go and JS SDK test suites expect (environment {@code
     * libmodal}, its secrets, proxy and apps; see {@link
     * dev.modal4j.testing.fixtures.Fixtures#builtIn()}). Off by default, so a test starts from an
     * empty workspace.
     */
    public Builder builtInFixtures() {
      return fixtures(dev.modal4j.testing.fixtures.Fixtures.builtIn());
    }

    /**
     * Builds and starts the emulator.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public ModalEmulator start() {
      return new ModalEmulator(this);
    }
  }
}
