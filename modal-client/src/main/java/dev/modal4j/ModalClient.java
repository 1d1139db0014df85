package dev.modal4j;

import dev.modal4j.apps.Apps;
import dev.modal4j.dicts.Dicts;
import dev.modal4j.functions.ClsService;
import dev.modal4j.functions.FunctionCalls;
import dev.modal4j.functions.Functions;
import dev.modal4j.images.Images;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.DefaultClientContext;
import dev.modal4j.internal.TransportOptions;
import dev.modal4j.internal.config.ClientSettings;
import dev.modal4j.internal.config.Overrides;
import dev.modal4j.internal.config.SettingsResolver;
import dev.modal4j.queues.Queues;
import dev.modal4j.sandboxes.Sandboxes;
import dev.modal4j.secrets.Secrets;
import dev.modal4j.volumes.Volumes;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of modal4j: one connection to Modal, shared by all its services.
 *
 * <pre>{@code
 * try (ModalClient modal = ModalClient.create()) {
 *   App app = modal.apps().fromName("my-app");
 * }
 * }</pre>
 *
 * <p>Configuration, highest precedence first: values given to the {@link Builder}; the environment
 * variables {@code MODAL_TOKEN_ID}, {@code MODAL_TOKEN_SECRET}, {@code MODAL_ENVIRONMENT}, {@code
 * MODAL_SERVER_URL}, {@code MODAL_PROFILE}, {@code MODAL_CONFIG_PATH}, {@code
 * MODAL_MAX_THROTTLE_WAIT}, {@code MODAL_LOGLEVEL}; the active profile of {@code ~/.modal.toml};
 * defaults. A client is thread-safe; create one and share it. {@link #close()} releases every
 * thread and channel it made.
 *
 * <p>Every {@code CompletableFuture} the client returns is yours alone: it completes on the
 * client's {@linkplain Builder#executor executor}, never on a gRPC or Netty thread, and nothing in
 * the SDK depends on it. Finishing it yourself before the SDK does (with {@code cancel}, {@code
 * orTimeout}, {@code completeOnTimeout}, {@code complete} or {@code completeExceptionally}) means
 * you no longer want the result: the SDK cancels the operation behind it (for a function call, the
 * remote call). {@code obtrude*} and finishing a future after it completed change only that future.
 */
public final class ModalClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModalClient.class);

  private final ClientSettings settings;
  private final DefaultClientContext context;
  private final Apps apps;
  private volatile ClsService cls;
  private volatile Functions functions;
  private volatile FunctionCalls functionCalls;
  private volatile Images images;

  private ModalClient(ClientSettings settings, DefaultClientContext context) {
    this.settings = settings;
    this.context = context;
    this.apps = new Apps(context);
  }

  /**
   * A client configured from the environment and {@code ~/.modal.toml}.
   *
   * @throws AuthException if no credentials are configured
   * @throws InvalidException if the configuration is malformed
   */
  public static ModalClient create() {
    return builder().build();
  }

  /** A builder for a client with explicit settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Apps: look up (or create) Modal Apps by name. */
  public Apps apps() {
    return apps;
  }

  /** Functions: look up deployed functions by app and name, then call them. */
  public Functions functions() {
    Functions f = functions;
    if (f == null) {
      synchronized (this) {
        f = functions;
        if (f == null) {
          f = new Functions(context);
          functions = f;
        }
      }
    }
    return f;
  }

  /** Function calls: find a spawned call by id, to get its result or cancel it. */
  public FunctionCalls functionCalls() {
    FunctionCalls c = functionCalls;
    if (c == null) {
      synchronized (this) {
        c = functionCalls;
        if (c == null) {
          c = new FunctionCalls(context);
          functionCalls = c;
        }
      }
    }
    return c;
  }

  /** The resolved default environment name; "" means the server's default environment. */
  public String environment() {
    return settings.environment();
  }

  /** Secrets: look up named Modal Secrets or create ephemeral ones from maps. */
  public Secrets secrets() {
    return new Secrets(context);
  }

  /** Images: container images from registry tags or ids, with Dockerfile layers. */
  public Images images() {
    Images i = images;
    if (i == null) {
      synchronized (this) {
        i = images;
        if (i == null) {
          i = new Images(context);
          images = i;
        }
      }
    }
    return i;
  }

  /** Sandboxes: create containers, run commands in them, stream their stdio. */
  public Sandboxes sandboxes() {
    return new Sandboxes(context);
  }

  /** Volumes: look up Modal Volumes by name. */
  public Volumes volumes() {
    return new Volumes(context);
  }

  /** Queues: named and ephemeral Modal Queues, with Python-pickled values. */
  public Queues queues() {
    return new Queues(context);
  }

  /** Dicts: named and ephemeral Modal Dicts, with Python-pickled keys and values. */
  public Dicts dicts() {
    return new Dicts(context);
  }

  /** Classes: look up classes deployed with {@code @app.cls()}, then instantiate them. */
  public ClsService cls() {
    ClsService c = cls;
    if (c == null) {
      synchronized (this) {
        c = cls;
        if (c == null) {
          c = new ClsService(context);
          cls = c;
        }
      }
    }
    return c;
  }

  ClientContext context() {
    return context;
  }

  /** Proxies: look up Modal Proxies (static outbound IPs for sandboxes) by name. */
  public dev.modal4j.proxies.Proxies proxies() {
    return new dev.modal4j.proxies.Proxies(context);
  }

  /** Cloud bucket mounts: S3, R2 or GCS buckets to mount into sandboxes and functions. */
  public dev.modal4j.sandboxes.CloudBucketMounts cloudBucketMounts() {
    return new dev.modal4j.sandboxes.CloudBucketMounts(context);
  }

  /** Environments: look up, create, list, update and delete Modal Environments. */
  public dev.modal4j.environments.Environments environments() {
    return new dev.modal4j.environments.Environments(context);
  }

  /**
   * The image builder version images are built with in the client's environment: the configured one
   * (MODAL_IMAGE_BUILDER_VERSION or the profile's {@code image_builder_version}) if set, else the
   * environment's setting on the server.
   */
  public String imageBuilderVersion() {
    return imageBuilderVersion(settings.environment());
  }

  /**
   * The image builder version images are built with in {@code environment} ("" for the server's
   * default): the configured one if set, else that environment's setting on the server.
   *
   * @throws NotFoundException if there is no such environment
   */
  public String imageBuilderVersion(String environment) {
    return dev.modal4j.internal.Futures.join(imageBuilderVersionAsync(environment));
  }

  /** The async form of {@link #imageBuilderVersion(String)}. */
  public java.util.concurrent.CompletableFuture<String> imageBuilderVersionAsync(
      String environment) {
    Args.notNull(environment, "environment");
    Optional<String> configured = settings.imageBuilderVersion();
    if (configured.isPresent()) {
      return java.util.concurrent.CompletableFuture.completedFuture(configured.get());
    }
    return dev.modal4j.internal.CallerFutures.hand(
        context,
        context
            .controlPlane()
            .unary(
                dev.modal4j.proto.ModalClientGrpc.getEnvironmentGetOrCreateMethod(),
                dev.modal4j.proto.EnvironmentGetOrCreateRequest.newBuilder()
                    .setDeploymentName(environment)
                    .build())
            .thenApply(r -> r.getMetadata().getSettings().getImageBuilderVersion()));
  }

  /** The version of modal4j this client is ({@code 0.1.0}, or {@code dev} in a source build). */
  public String version() {
    return dev.modal4j.internal.ClientVersion.VERSION;
  }

  /**
   * Aborts calls in flight with {@link ClientClosedException} and releases the client's threads,
   * channels and executors, waiting up to about two seconds for its own pools' tasks in progress. A
   * channel given to {@link Builder#channel} and an executor given to {@link Builder#executor} are
   * not closed. Never throws; calling it again does nothing. Later calls fail with {@link
   * ClientClosedException}.
   */
  @Override
  public void close() {
    try {
      context.close();
    } catch (RuntimeException e) {
      log.warn("Error while closing the ModalClient: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "ModalClient{serverUrl="
        + settings.serverUrl()
        + ", environment="
        + settings.environment()
        + settings
            .oauth()
            .map(o -> ", oauthClientId=" + o.clientId())
            .orElse(", tokenId=" + settings.tokenId())
        + "}";
  }

  /** Builds a {@link ModalClient}. Values not set here come from the environment or config. */
  public static final class Builder {
    private String tokenId;
    private String tokenSecret;
    private String environment;
    private String serverUrl;
    private String profile;
    private Path configPath;
    private Duration maxThrottleWait;
    private Channel channel;
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private boolean allowInsecure;
    private Function<String, Channel> inputPlaneChannels;
    private Map<String, String> environmentVariables;
    private Path homeDirectory;
    private ExecutorService executor;
    private dev.modal4j.events.EventListener eventListener;
    private String oauthRefreshToken;
    private String oauthClientId;
    private String oauthClientSecret;
    private String oauthJwtKey;

    private Builder() {}

    /**
     * The OAuth refresh token of machine credentials; overrides MODAL_OAUTH_REFRESH_TOKEN and the
     * profile's {@code oauth_refresh_token}. OAuth credentials need the refresh token, the client
     * id, and exactly one of the client secret or the JWT key; they cannot be combined with a token
     * id and secret.
     */
    public Builder oauthRefreshToken(String oauthRefreshToken) {
      this.oauthRefreshToken = Args.notBlank(oauthRefreshToken, "oauthRefreshToken");
      return this;
    }

    /** The OAuth client id ({@code oc-...}); overrides MODAL_OAUTH_CLIENT_ID and the profile. */
    public Builder oauthClientId(String oauthClientId) {
      this.oauthClientId = Args.notBlank(oauthClientId, "oauthClientId");
      return this;
    }

    /**
     * The OAuth client secret ({@code ov-...}); overrides MODAL_OAUTH_CLIENT_SECRET and the
     * profile. Never logged.
     */
    public Builder oauthClientSecret(String oauthClientSecret) {
      this.oauthClientSecret = Args.notBlank(oauthClientSecret, "oauthClientSecret");
      return this;
    }

    /**
     * The unencrypted RSA private key (PEM, at least 2048 bits; literal {@code \n} allowed) that
     * signs the OAuth client's assertions; overrides MODAL_OAUTH_JWT_KEY and the profile. Never
     * logged.
     */
    public Builder oauthJwtKey(String oauthJwtKey) {
      this.oauthJwtKey = Args.notBlank(oauthJwtKey, "oauthJwtKey");
      return this;
    }

    /**
     * Hears every RPC attempt, retry, throttle, token refresh, blob transfer and map progress of
     * the client (see {@link dev.modal4j.events.EventListener}); what it throws is logged and never
     * breaks a call. Without one, the client does no event work at all.
     */
    public Builder eventListener(dev.modal4j.events.EventListener eventListener) {
      this.eventListener = Args.notNull(eventListener, "eventListener");
      return this;
    }

    /** The token id ({@code ak-...}); overrides MODAL_TOKEN_ID and the profile. */
    public Builder tokenId(String tokenId) {
      this.tokenId = Args.notBlank(tokenId, "tokenId");
      return this;
    }

    /** The token secret ({@code as-...}); overrides MODAL_TOKEN_SECRET and the profile. */
    public Builder tokenSecret(String tokenSecret) {
      this.tokenSecret = Args.notBlank(tokenSecret, "tokenSecret");
      return this;
    }

    /** The default environment; overrides MODAL_ENVIRONMENT and the profile. */
    public Builder environment(String environment) {
      this.environment = Args.notNull(environment, "environment");
      return this;
    }

    /**
     * The server, {@code https://host[:port]} or (loopback only, unless {@link
     * #allowInsecure(boolean)}) {@code http://host[:port]}; overrides MODAL_SERVER_URL.
     */
    public Builder serverUrl(String serverUrl) {
      this.serverUrl = Args.notBlank(serverUrl, "serverUrl");
      return this;
    }

    /** The profile of the config file to use; overrides MODAL_PROFILE and {@code active}. */
    public Builder profile(String profile) {
      this.profile = Args.notBlank(profile, "profile");
      return this;
    }

    /** The config file to read; overrides MODAL_CONFIG_PATH and {@code ~/.modal.toml}. */
    public Builder configPath(Path configPath) {
      this.configPath = Args.notNull(configPath, "configPath");
      return this;
    }

    /**
     * The cap on time spent in server-directed (throttle) retries; {@link Duration#ZERO} disables
     * them. Overrides MODAL_MAX_THROTTLE_WAIT; unlimited when neither is set.
     */
    public Builder maxThrottleWait(Duration maxThrottleWait) {
      this.maxThrottleWait = Args.notNull(maxThrottleWait, "maxThrottleWait");
      return this;
    }

    /**
     * A channel to use instead of opening one (tests, custom transports). The client does not close
     * it. Unless {@link #inputPlaneChannels} is set, input-plane calls use it too.
     */
    public Builder channel(Channel channel) {
      this.channel = Args.notNull(channel, "channel");
      return this;
    }

    /** Interceptors for every call, run in the given order after modal4j adds its headers. */
    public Builder interceptors(ClientInterceptor... interceptors) {
      this.interceptors.addAll(Arrays.asList(Args.noNullElements(interceptors, "interceptors")));
      return this;
    }

    /**
     * The executor that runs your code: the futures this client returns are completed on it (so the
     * continuations you attach run there, never on a gRPC or Netty thread), and it calls {@code
     * remoteGenAsync}'s item callback. modal4j never waits for work queued on it, so any size
     * works, even one thread. ({@code mapAsync} result callbacks and map progress listeners run on
     * the map's own modal4j threads, also never on a gRPC or Netty thread.)
     *
     * <p>An executor given here stays yours: {@link ModalClient#close()} does not shut it down.
     * Without one the client uses its own bounded pool of daemon threads ({@code
     * modal4j-callback-N}, one per core, at least two), which {@code close()} shuts down, waiting
     * briefly for tasks in progress.
     *
     * @throws InvalidException if {@code executor} is null
     */
    public Builder executor(ExecutorService executor) {
      if (executor == null) {
        throw new InvalidException("executor must not be null");
      }
      this.executor = executor;
      return this;
    }

    /** Allows plaintext {@code http://} to hosts that are not loopback (default false). */
    public Builder allowInsecure(boolean allowInsecure) {
      this.allowInsecure = allowInsecure;
      return this;
    }

    /** Channels for input-plane URLs (tests, custom transports); the client does not close them. */
    public Builder inputPlaneChannels(Function<String, Channel> inputPlaneChannels) {
      this.inputPlaneChannels = Args.notNull(inputPlaneChannels, "inputPlaneChannels");
      return this;
    }

    /** The environment variables to read; defaults to {@code System.getenv()}. For tests. */
    public Builder environmentVariables(Map<String, String> environmentVariables) {
      Args.notNull(environmentVariables, "environmentVariables");
      this.environmentVariables = Map.copyOf(environmentVariables);
      return this;
    }

    /** The home directory holding {@code .modal.toml}; defaults to {@code user.home}. For tests. */
    public Builder homeDirectory(Path homeDirectory) {
      this.homeDirectory = Args.notNull(homeDirectory, "homeDirectory");
      return this;
    }

    /**
     * Resolves the configuration and creates the client. Nothing connects until the first call.
     *
     * @throws AuthException if no token id or secret is configured
     * @throws InvalidException if the configuration or server URL is malformed, or plaintext is
     *     requested to a host that is not loopback
     */
    public ModalClient build() {
      Map<String, String> env =
          environmentVariables != null ? environmentVariables : System.getenv();
      Path home =
          homeDirectory != null ? homeDirectory : Path.of(System.getProperty("user.home", "."));
      ClientSettings settings =
          SettingsResolver.resolve(
              new Overrides(
                  tokenId,
                  tokenSecret,
                  environment,
                  serverUrl,
                  profile,
                  configPath,
                  maxThrottleWait,
                  env,
                  home),
              new dev.modal4j.internal.config.OAuthOverrides(
                  oauthRefreshToken, oauthClientId, oauthClientSecret, oauthJwtKey));
      DefaultClientContext context =
          DefaultClientContext.create(
              settings,
              new TransportOptions(channel, interceptors, allowInsecure, inputPlaneChannels),
              Optional.ofNullable(executor),
              Clock.systemUTC(),
              eventListener);
      settings
          .logLevel()
          .ifPresent(
              level ->
                  log.debug(
                      "MODAL_LOGLEVEL={} is not applied by modal4j; configure your SLF4J backend",
                      level));
      ModalClient client = new ModalClient(settings, context);
      log.debug("Created {}", client);
      return client;
    }

    @Override
    public String toString() {
      return "ModalClient.Builder{tokenId=" + tokenId + ", serverUrl=" + serverUrl + "}";
    }
  }
}
