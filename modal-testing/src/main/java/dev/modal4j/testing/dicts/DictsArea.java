package dev.modal4j.testing.dicts;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.modal4j.proto.DictClearRequest;
import dev.modal4j.proto.DictContainsRequest;
import dev.modal4j.proto.DictContainsResponse;
import dev.modal4j.proto.DictDeleteRequest;
import dev.modal4j.proto.DictEntry;
import dev.modal4j.proto.DictGetOrCreateRequest;
import dev.modal4j.proto.DictGetOrCreateResponse;
import dev.modal4j.proto.DictGetRequest;
import dev.modal4j.proto.DictGetResponse;
import dev.modal4j.proto.DictHeartbeatRequest;
import dev.modal4j.proto.DictLenRequest;
import dev.modal4j.proto.DictLenResponse;
import dev.modal4j.proto.DictMetadata;
import dev.modal4j.proto.DictPopRequest;
import dev.modal4j.proto.DictPopResponse;
import dev.modal4j.proto.DictUpdateRequest;
import dev.modal4j.proto.DictUpdateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.SharedObjects;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Modal's Dict service: named dicts per environment and ephemeral ones kept alive by heartbeats.
 * Keys and values are opaque bytes; keys compare by their bytes. DictLen caps at 100,000 as Modal's
 * does.
 */
public final class DictsArea implements EmulatorArea {
  /** How long an ephemeral dict outlives its last heartbeat unless set otherwise. */
  public static final Duration DEFAULT_EPHEMERAL_TIMEOUT = Duration.ofMinutes(10);

  private static final int LEN_CAP = 100_000;

  private final EmulatorState state;
  private final SharedObjects<EmulatedDict> dicts;
  private final ScheduledFuture<?> sweeper;

  /** Creates the area over the emulator's state (clock, ids, environments, scheduler). */
  public DictsArea(EmulatorState state) {
    this.state = state;
    this.dicts =
        new SharedObjects<>(
            "Dict",
            state.clock(),
            DEFAULT_EPHEMERAL_TIMEOUT,
            EmulatedDict::remove,
            state.environments()::name);
    state.environments().onDeleted(dicts::dropEnvironment);
    this.sweeper = state.scheduler().scheduleWithFixedDelay(dicts::sweep, 1, 1, TimeUnit.SECONDS);
  }

  /** Sets how long an ephemeral dict outlives its last heartbeat (by the emulator's clock). */
  public DictsArea ephemeralTimeout(Duration timeout) {
    dicts.ephemeralTimeout(timeout);
    return this;
  }

  /** The id of a named dict in an environment ("" = the default one), if it exists. */
  public Optional<String> dictId(String environment, String name) {
    return dicts.idOf(state.environments().resolve(environment), name);
  }

  /** Whether a dict with this id exists now (ephemeral ones expire by the emulator's clock). */
  public boolean exists(String dictId) {
    try {
      dicts.get(dictId);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The stored raw bytes under raw key bytes, for tests that check what a client wrote. */
  public Optional<byte[]> rawValue(String dictId, byte[] key) {
    return dicts.get(dictId).get(ByteString.copyFrom(key)).map(ByteString::toByteArray);
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getDictGetOrCreateMethod(), this::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getDictHeartbeatMethod(), this::heartbeat);
    Unary.bind(service, ModalClientGrpc.getDictListMethod(), this::list);
    Unary.bind(service, ModalClientGrpc.getDictDeleteMethod(), this::delete);
    Unary.bind(service, ModalClientGrpc.getDictClearMethod(), this::clear);
    Unary.bind(service, ModalClientGrpc.getDictGetMethod(), this::get);
    Unary.bind(service, ModalClientGrpc.getDictUpdateMethod(), this::update);
    Unary.bind(service, ModalClientGrpc.getDictPopMethod(), this::pop);
    Unary.bind(service, ModalClientGrpc.getDictContainsMethod(), this::contains);
    Unary.bind(service, ModalClientGrpc.getDictLenMethod(), this::len);
    service.addMethod(
        ModalClientGrpc.getDictContentsMethod(),
        ServerCalls.asyncServerStreamingCall(
            (request, observer) -> {
              try {
                EmulatedDict d = dicts.get(request.getDictId());
                for (Map.Entry<ByteString, ByteString> e : d.snapshot()) {
                  DictEntry.Builder b = DictEntry.newBuilder();
                  if (request.getKeys()) {
                    b.setKey(e.getKey());
                  }
                  if (request.getValues()) {
                    b.setValue(e.getValue());
                  }
                  observer.onNext(b.build());
                }
                observer.onCompleted();
              } catch (StatusRuntimeException e) {
                observer.onError(e);
              }
            }));
  }

  @Override
  public void close() {
    sweeper.cancel(false);
  }

  private DictGetOrCreateResponse getOrCreate(DictGetOrCreateRequest r) {
    String env = state.environments().resolve(r.getEnvironmentName());
    String id;
    if (r.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL) {
      if (!r.getDeploymentName().isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("An ephemeral dict has no name")
            .asRuntimeException();
      }
      id = dicts.addEphemeral(state.newId("di"), new EmulatedDict(state.clock().millis() / 1000.0));
    } else {
      id =
          dicts.getOrCreate(
              env,
              r.getDeploymentName(),
              r.getObjectCreationTypeValue(),
              () -> state.newId("di"),
              () -> new EmulatedDict(state.clock().millis() / 1000.0));
    }
    EmulatedDict d = dicts.get(id);
    if (r.getDataCount() > 0) {
      d.update(r.getDataList(), false);
    }
    return DictGetOrCreateResponse.newBuilder()
        .setDictId(id)
        .setMetadata(DictMetadata.newBuilder().setName(r.getDeploymentName()))
        .build();
  }

  private dev.modal4j.proto.DictListResponse list(dev.modal4j.proto.DictListRequest r) {
    dicts.sweep();
    String env = state.environments().resolve(r.getEnvironmentName());
    int max = r.getPagination().getMaxObjects();
    double before = r.getPagination().getCreatedBefore();
    dev.modal4j.proto.DictListResponse.Builder response =
        dev.modal4j.proto.DictListResponse.newBuilder()
            .setEnvironmentName(state.environments().name(env));
    dicts.namedWithNames(env).entrySet().stream()
        .filter(e -> before <= 0 || e.getValue().value().createdAt() < before)
        .sorted(
            java.util.Comparator.comparingDouble(
                    (Map.Entry<String, SharedObjects.Named<EmulatedDict>> e) ->
                        e.getValue().value().createdAt())
                .reversed())
        .limit(max > 0 ? max : Long.MAX_VALUE)
        .forEach(
            e ->
                response.addDicts(
                    dev.modal4j.proto.DictListResponse.DictInfo.newBuilder()
                        .setDictId(e.getKey())
                        .setName(e.getValue().name())
                        .setCreatedAt(e.getValue().value().createdAt())
                        .setMetadata(DictMetadata.newBuilder().setName(e.getValue().name()))));
    return response.build();
  }

  private Empty heartbeat(DictHeartbeatRequest r) {
    dicts.heartbeat(r.getDictId());
    return Empty.getDefaultInstance();
  }

  private Empty delete(DictDeleteRequest r) {
    dicts.delete(r.getDictId());
    return Empty.getDefaultInstance();
  }

  private Empty clear(DictClearRequest r) {
    dicts.get(r.getDictId()).clear();
    return Empty.getDefaultInstance();
  }

  private DictGetResponse get(DictGetRequest r) {
    Optional<ByteString> v = dicts.get(r.getDictId()).get(r.getKey());
    DictGetResponse.Builder b = DictGetResponse.newBuilder().setFound(v.isPresent());
    v.ifPresent(b::setValue);
    return b.build();
  }

  private DictUpdateResponse update(DictUpdateRequest r) {
    boolean created = dicts.get(r.getDictId()).update(r.getUpdatesList(), r.getIfNotExists());
    return DictUpdateResponse.newBuilder().setCreated(created).build();
  }

  private DictPopResponse pop(DictPopRequest r) {
    Optional<ByteString> v = dicts.get(r.getDictId()).pop(r.getKey());
    DictPopResponse.Builder b = DictPopResponse.newBuilder().setFound(v.isPresent());
    v.ifPresent(b::setValue);
    return b.build();
  }

  private DictContainsResponse contains(DictContainsRequest r) {
    return DictContainsResponse.newBuilder()
        .setFound(dicts.get(r.getDictId()).contains(r.getKey()))
        .build();
  }

  private DictLenResponse len(DictLenRequest r) {
    return DictLenResponse.newBuilder()
        .setLen(Math.min(LEN_CAP, dicts.get(r.getDictId()).len()))
        .build();
  }
}
