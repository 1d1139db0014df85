package dev.modal4j.testing.queues;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.QueueClearRequest;
import dev.modal4j.proto.QueueDeleteRequest;
import dev.modal4j.proto.QueueGetOrCreateRequest;
import dev.modal4j.proto.QueueGetOrCreateResponse;
import dev.modal4j.proto.QueueGetRequest;
import dev.modal4j.proto.QueueGetResponse;
import dev.modal4j.proto.QueueHeartbeatRequest;
import dev.modal4j.proto.QueueLenRequest;
import dev.modal4j.proto.QueueLenResponse;
import dev.modal4j.proto.QueueMetadata;
import dev.modal4j.proto.QueueNextItemsRequest;
import dev.modal4j.proto.QueueNextItemsResponse;
import dev.modal4j.proto.QueuePutRequest;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.SharedObjects;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Modal's Queue service: named queues per environment and ephemeral ones kept alive by heartbeats;
 * partitions with TTLs; Modal's size limits; blocking gets and iteration parked without holding a
 * gRPC thread and woken by puts. Values are opaque bytes, never decoded.
 */
public final class QueuesArea implements EmulatorArea {
  /** How long an ephemeral queue outlives its last heartbeat unless set otherwise. */
  public static final Duration DEFAULT_EPHEMERAL_TIMEOUT = Duration.ofMinutes(10);

  private static final int DEFAULT_TTL_SECONDS = 24 * 3600;
  private static final int MAX_KEY_BYTES = 64;

  private final EmulatorState state;
  private final ScheduledExecutorService scheduler;
  private final SharedObjects<EmulatedQueue> queues;
  private final ScheduledFuture<?> sweeper;
  private volatile QueueLimits limits = QueueLimits.MODAL;

  /** Creates the area over the emulator's state (clock, ids, environments, scheduler). */
  public QueuesArea(EmulatorState state) {
    this.state = state;
    this.scheduler = state.scheduler();
    this.queues =
        new SharedObjects<>(
            "Queue",
            state.clock(),
            DEFAULT_EPHEMERAL_TIMEOUT,
            q -> q.remove("(deleted or expired)"),
            state.environments()::name);
    state.environments().onDeleted(queues::dropEnvironment);
    this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  /** Sets the limits puts are checked against. */
  public QueuesArea limits(QueueLimits limits) {
    this.limits = limits;
    return this;
  }

  /** Sets how long an ephemeral queue outlives its last heartbeat (by the emulator's clock). */
  public QueuesArea ephemeralTimeout(Duration timeout) {
    queues.ephemeralTimeout(timeout);
    return this;
  }

  /** The id of a named queue in an environment ("" = the default one), if it exists. */
  public Optional<String> queueId(String environment, String name) {
    return queues.idOf(state.environments().resolve(environment), name);
  }

  /** Whether a queue with this id exists now (ephemeral ones expire by the emulator's clock). */
  public boolean exists(String queueId) {
    try {
      queues.get(queueId);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** How many QueueGet and QueueNextItems calls are parked on a queue right now. */
  public int parkedCalls(String queueId) {
    return queues.get(queueId).parkedCalls();
  }

  /** Removes expired ephemeral queues and partitions now (it also runs every second). */
  public void sweep() {
    queues.sweep();
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getQueueGetOrCreateMethod(), this::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getQueueHeartbeatMethod(), this::heartbeat);
    Unary.bind(service, ModalClientGrpc.getQueueDeleteMethod(), this::delete);
    Unary.bind(service, ModalClientGrpc.getQueueListMethod(), this::list);
    Unary.bind(service, ModalClientGrpc.getQueueClearMethod(), this::clear);
    Unary.bind(service, ModalClientGrpc.getQueuePutMethod(), this::put);
    Unary.bind(service, ModalClientGrpc.getQueueLenMethod(), this::len);
    AsyncUnary.bind(service, ModalClientGrpc.getQueueGetMethod(), this::get);
    AsyncUnary.bind(service, ModalClientGrpc.getQueueNextItemsMethod(), this::nextItems);
  }

  @Override
  public void close() {
    sweeper.cancel(false);
  }

  private QueueGetOrCreateResponse getOrCreate(QueueGetOrCreateRequest r) {
    String env = state.environments().resolve(r.getEnvironmentName());
    String id;
    if (r.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL) {
      if (!r.getDeploymentName().isEmpty()) {
        throw invalid("An ephemeral queue has no name");
      }
      id = queues.addEphemeral(state.newId("qu"), new EmulatedQueue(state.clock()));
    } else {
      id =
          queues.getOrCreate(
              env,
              r.getDeploymentName(),
              r.getObjectCreationTypeValue(),
              () -> state.newId("qu"),
              () -> new EmulatedQueue(state.clock()));
    }
    return QueueGetOrCreateResponse.newBuilder()
        .setQueueId(id)
        .setMetadata(QueueMetadata.newBuilder().setName(r.getDeploymentName()))
        .build();
  }

  private dev.modal4j.proto.QueueListResponse list(dev.modal4j.proto.QueueListRequest r) {
    queues.sweep();
    String env = state.environments().resolve(r.getEnvironmentName());
    int max = r.getPagination().getMaxObjects();
    double before = r.getPagination().getCreatedBefore();
    dev.modal4j.proto.QueueListResponse.Builder response =
        dev.modal4j.proto.QueueListResponse.newBuilder()
            .setEnvironmentName(state.environments().name(env));
    queues.namedWithNames(env).entrySet().stream()
        .filter(e -> before <= 0 || e.getValue().value().createdAt() < before)
        .sorted(
            java.util.Comparator.comparingDouble(
                    (java.util.Map.Entry<String, SharedObjects.Named<EmulatedQueue>> e) ->
                        e.getValue().value().createdAt())
                .reversed())
        .limit(max > 0 ? max : Long.MAX_VALUE)
        .forEach(
            e -> {
              EmulatedQueue q = e.getValue().value();
              response.addQueues(
                  dev.modal4j.proto.QueueListResponse.QueueInfo.newBuilder()
                      .setQueueId(e.getKey())
                      .setName(e.getValue().name())
                      .setCreatedAt(q.createdAt())
                      .setNumPartitions(q.partitionCount())
                      .setTotalSize(q.len(ByteString.EMPTY, true))
                      .setMetadata(QueueMetadata.newBuilder().setName(e.getValue().name())));
            });
    return response.build();
  }

  private Empty heartbeat(QueueHeartbeatRequest r) {
    queues.heartbeat(r.getQueueId());
    return Empty.getDefaultInstance();
  }

  private Empty delete(QueueDeleteRequest r) {
    queues.delete(r.getQueueId());
    return Empty.getDefaultInstance();
  }

  private Empty clear(QueueClearRequest r) {
    ByteString key = key(r.getPartitionKey());
    if (!key.isEmpty() && r.getAllPartitions()) {
      throw invalid("Partition must be empty when clearing all partitions");
    }
    queues.get(r.getQueueId()).clear(key, r.getAllPartitions());
    return Empty.getDefaultInstance();
  }

  private Empty put(QueuePutRequest r) {
    int ttl = r.getPartitionTtlSeconds();
    if (ttl < 0) {
      throw invalid("partition_ttl_seconds must not be negative");
    }
    queues
        .get(r.getQueueId())
        .put(
            key(r.getPartitionKey()),
            r.getValuesList(),
            ttl == 0 ? DEFAULT_TTL_SECONDS : ttl,
            limits);
    return Empty.getDefaultInstance();
  }

  private QueueLenResponse len(QueueLenRequest r) {
    ByteString key = key(r.getPartitionKey());
    if (!key.isEmpty() && r.getTotal()) {
      throw invalid("Partition must be empty when asking for the total length");
    }
    return QueueLenResponse.newBuilder()
        .setLen(queues.get(r.getQueueId()).len(key, r.getTotal()))
        .build();
  }

  private void get(QueueGetRequest r, AsyncUnary.Reply<QueueGetResponse> reply) {
    if (r.getNValues() < 1) {
      throw invalid("n_values must be at least 1");
    }
    EmulatedQueue q = queues.get(r.getQueueId());
    park(q, new GetWaiter(key(r.getPartitionKey()), r.getNValues(), reply), r.getTimeout(), reply);
  }

  private void nextItems(QueueNextItemsRequest r, AsyncUnary.Reply<QueueNextItemsResponse> reply) {
    long after;
    try {
      after = r.getLastEntryId().isEmpty() ? 0 : Long.parseLong(r.getLastEntryId());
    } catch (NumberFormatException e) {
      throw invalid("last_entry_id '" + r.getLastEntryId() + "' is not an entry id");
    }
    EmulatedQueue q = queues.get(r.getQueueId());
    park(
        q,
        new NextItemsWaiter(key(r.getPartitionKey()), after, reply),
        r.getItemPollTimeout(),
        reply);
  }

  private void park(EmulatedQueue q, Waiter w, float timeoutSeconds, AsyncUnary.Reply<?> reply) {
    if (!(timeoutSeconds >= 0) || Float.isInfinite(timeoutSeconds)) {
      throw invalid("timeout must be a non-negative number of seconds");
    }
    if (timeoutSeconds == 0) {
      if (!q.serveNow(w)) {
        w.timeOut();
      }
      return;
    }
    reply.onCancel(() -> q.unpark(w));
    if (q.park(w)) {
      long micros = (long) (timeoutSeconds * 1_000_000L);
      w.timer =
          scheduler.schedule(
              () -> {
                q.unpark(w);
                w.timeOut();
              },
              micros,
              TimeUnit.MICROSECONDS);
    }
  }

  private static ByteString key(ByteString key) {
    if (key.size() > MAX_KEY_BYTES) {
      throw invalid("Queue partition key must be at most " + MAX_KEY_BYTES + " bytes");
    }
    return key;
  }

  private static io.grpc.StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
