package dev.modal4j.testing.functions;

import dev.modal4j.testing.functions.internal.BlobStore;
import dev.modal4j.testing.functions.internal.BlobsArea;
import dev.modal4j.testing.functions.internal.CallEngine;
import dev.modal4j.testing.functions.internal.FunctionCallsArea;
import dev.modal4j.testing.functions.internal.FunctionInputsArea;
import dev.modal4j.testing.functions.internal.FunctionLookupArea;
import dev.modal4j.testing.functions.internal.HttpEndpoints;
import dev.modal4j.testing.functions.internal.Ids;
import dev.modal4j.testing.functions.internal.InputPlaneArea;
import dev.modal4j.testing.functions.internal.OutputPolls;
import dev.modal4j.testing.functions.internal.Tokens;
import dev.modal4j.testing.functions.internal.Workers;
import dev.modal4j.testing.internal.EmulatorArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The functions part of the emulator: deployed functions, calls, workers, blobs (with a loopback
 * HTTP server) and the input plane, exposed as {@link EmulatorArea}s.
 *
 * <pre>{@code
 * FunctionsBackend functions = FunctionsBackend.builder().grpcUrl(() -> emulatorUrl).build();
 * functions.deploy("my-app").function("square", (args, kwargs) -> ...);
 * }</pre>
 */
public final class FunctionsBackend implements AutoCloseable {
  /** At most how many outputs finished calls keep together unless the builder says otherwise. */
  public static final int DEFAULT_RETAINED_OUTPUTS = 500_000;

  /** How long finished calls are kept unless {@link Builder#callTtl} says otherwise: one hour. */
  public static final Duration DEFAULT_CALL_TTL = Duration.ofHours(1);

  private final Workers workers;
  private final HttpEndpoints http;
  private final BlobStore blobs;
  private final FunctionRegistry registry;
  private final CallEngine engine;
  private final List<EmulatorArea> areas;

  private FunctionsBackend(Builder b) {
    Ids ids = new Ids();
    BlobStore blobs = new BlobStore(b.blobMemoryBytes);
    this.blobs = blobs;
    try {
      this.http = new HttpEndpoints(blobs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the emulator's HTTP server", e);
    }
    if (b.blobUrlBase != null) {
      http.advertiseBlobsAt(b.blobUrlBase);
    }
    this.workers = new Workers(b.workerThreads);
    Supplier<String> grpcUrl = b.grpcUrl;
    this.registry =
        new FunctionRegistry(
            ids,
            b.directory != null ? b.directory : AppDirectory.standalone(),
            new EndpointUrls() {
              @Override
              public String inputPlaneUrl() {
                return grpcUrl.get();
              }

              @Override
              public String webUrl(String appName, String functionName) {
                return http.webUrl(appName, functionName);
              }
            });
    http.serveWebEndpoints(registry);
    this.engine =
        new CallEngine(
            ids,
            new Tokens(),
            b.faults,
            workers,
            blobs,
            b.callTtl,
            b.retainedOutputs,
            b.executions);
    engine.logsTo(b.logs);
    OutputPolls polls = new OutputPolls(engine, b.faults);
    this.areas =
        List.of(
            new FunctionLookupArea(registry),
            new FunctionInputsArea(registry, engine, blobs),
            new FunctionCallsArea(engine, polls),
            new InputPlaneArea(registry, engine, polls, blobs),
            new BlobsArea(blobs, http, ids, b.multipartThreshold, b.multipartPartLength));
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The areas serving the functions, blobs and input-plane RPCs. */
  public List<EmulatorArea> areas() {
    return areas;
  }

  /** The blob store BlobCreate and BlobGet serve (volume uploads name blobs too). */
  public BlobStore blobs() {
    return blobs;
  }

  /** The registry of deployed functions. */
  public FunctionRegistry registry() {
    return registry;
  }

  /** Starts deploying functions into app {@code appName} (default environment). */
  public EmulatedApp deploy(String appName) {
    return new EmulatedApp(registry, appName);
  }

  /**
   * How many function calls are held: open, running, or finished and not yet expired (see {@link
   * Builder#callTtl}). A long-running emulator's memory is bounded by this.
   */
  public int retainedCalls() {
    return engine.retainedCalls();
  }

  /**
   * FunctionCallGetInfo's answer for call {@code callId}: its inputs by outcome and its creation.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown or expired call
   */
  public dev.modal4j.proto.FunctionCallInfo callInfo(String callId) {
    return dev.modal4j.testing.functions.internal.CallInfos.of(engine.call(callId));
  }

  /** Base URL of the loopback HTTP server for blobs and web endpoints. */
  public String httpUrl() {
    return http.baseUrl();
  }

  /** Interrupts running handlers and stops all threads and the HTTP server. */
  @Override
  public void close() {
    workers.close();
    http.close();
    blobs.close();
  }

  /** Builder of {@link FunctionsBackend}. */
  public static final class Builder {
    private Supplier<String> grpcUrl = () -> "http://127.0.0.1:0";
    private FunctionFaults faults = FunctionFaults.none();
    private AppDirectory directory;
    private int workerThreads = 64;
    private long blobMemoryBytes = 512L * 1024 * 1024;
    private String blobUrlBase;
    private long multipartThreshold = BlobsArea.DEFAULT_MULTIPART_THRESHOLD;
    private long multipartPartLength = BlobsArea.DEFAULT_MULTIPART_PART_LENGTH;
    private Duration callTtl = DEFAULT_CALL_TTL;
    private int retainedOutputs = DEFAULT_RETAINED_OUTPUTS;
    private ExecutionListener executions = ExecutionListener.none();
    private dev.modal4j.testing.logs.AppLogs logs;

    private Builder() {}

    /**
     * How long a call with no unfinished inputs is kept, with its outputs, after its last activity
     * (default one hour; Modal keeps spawned calls' results for days). An expired call answers
     * FunctionGetOutputs with no outputs and nothing unfinished, and other RPCs with NOT_FOUND.
     */
    public Builder callTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("callTtl must be positive, got " + ttl);
      }
      this.callTtl = ttl;
      return this;
    }

    /**
     * At most how many outputs finished calls keep together (default {@value
     * #DEFAULT_RETAINED_OUTPUTS}): past it, the calls idle longest expire before their
     * time-to-live, so a long batch cannot fill the heap.
     */
    public Builder retainedOutputs(int outputs) {
      if (outputs < 1) {
        throw new IllegalArgumentException("retainedOutputs must be positive, got " + outputs);
      }
      this.retainedOutputs = outputs;
      return this;
    }

    /** Told each time an input's handler runs and when an expired call's inputs are dropped. */
    public Builder executionListener(ExecutionListener listener) {
      this.executions = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The emulator's gRPC URL, advertised as input_plane_url (read when first needed). */
    public Builder grpcUrl(Supplier<String> url) {
      this.grpcUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Result-level fault injection. */
    public Builder faults(FunctionFaults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /** Where environments resolve and apps are recorded (default: a standalone directory). */
    public Builder apps(AppDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Number of handler threads (default 64). */
    public Builder workerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /** Memory budget for blob contents; least recently used blobs are dropped beyond it. */
    public Builder blobMemoryBytes(long bytes) {
      this.blobMemoryBytes = bytes;
      return this;
    }

    /**
     * The base of the blob upload and download URLs that BlobCreate and BlobGet hand out (default:
     * the loopback HTTP server). Another base, such as {@code http://example.com/bucket}, makes the
     * emulator hand out URLs a client should refuse; blobs cannot be transferred through them.
     *
     * @param base an absolute URL; blob URLs are {@code base + "/blobs/" + blobId}
     * @return this builder
     */
    public Builder blobUrlBase(URI base) {
      Objects.requireNonNull(base, "base");
      String s = base.toString();
      this.blobUrlBase = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      return this;
    }

    /**
     * Blobs longer than this many bytes are uploaded in parts (default Modal's 1 GiB, {@link
     * BlobsArea#DEFAULT_MULTIPART_THRESHOLD}); 0 makes every non-empty blob multipart.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder blobMultipartThreshold(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("blobMultipartThreshold must be >= 0, got " + bytes);
      }
      this.multipartThreshold = bytes;
      return this;
    }

    /**
     * The part length of multipart blob uploads (default {@link
     * BlobsArea#DEFAULT_MULTIPART_PART_LENGTH}).
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder blobMultipartPartLength(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(
            "blobMultipartPartLength must be positive, got " + bytes);
      }
      this.multipartPartLength = bytes;
      return this;
    }

    /**
     * Where what handlers print through {@link FunctionOutput} goes (the emulator's log store);
     * without one it is discarded.
     */
    public Builder logs(dev.modal4j.testing.logs.AppLogs logs) {
      this.logs = logs;
      return this;
    }

    /** Starts the backend (its HTTP server binds a loopback port now). */
    public FunctionsBackend build() {
      return new FunctionsBackend(this);
    }
  }
}
