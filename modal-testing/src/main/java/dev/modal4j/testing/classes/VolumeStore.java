package dev.modal4j.testing.classes;

import com.google.protobuf.Empty;
import dev.modal4j.proto.CreationInfo;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.VolumeDeleteRequest;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeGetOrCreateResponse;
import dev.modal4j.proto.VolumeHeartbeatRequest;
import dev.modal4j.proto.VolumeListItem;
import dev.modal4j.proto.VolumeListRequest;
import dev.modal4j.proto.VolumeListResponse;
import dev.modal4j.proto.VolumeMetadata;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.internal.SharedObjects;
import io.grpc.Status;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The emulated workspace's volumes: named ones per environment and ephemeral ones that live while
 * VolumeHeartbeat calls come in (reaped {@link #DEFAULT_EPHEMERAL_TIMEOUT} after the last one, by
 * the emulator's clock). Each records its file-system version (v1 unless v2 is asked for). Serves
 * VolumeGetOrCreate, VolumeHeartbeat, VolumeDelete and VolumeList; whoever keeps a volume's files
 * learns of deleted and expired volumes through {@link #onRemoved}.
 */
public final class VolumeStore {
  /** How long an ephemeral volume outlives its last heartbeat unless set otherwise. */
  public static final Duration DEFAULT_EPHEMERAL_TIMEOUT = Duration.ofMinutes(10);

  private final EmulatorState state;
  private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
  private final SharedObjects<EmulatedVolume> volumes;

  /** One volume. */
  private static final class EmulatedVolume {
    final String id;
    volatile String name;
    final VolumeFsVersion version;
    final double createdAt;

    EmulatedVolume(String id, String name, VolumeFsVersion version, double createdAt) {
      this.id = id;
      this.name = name;
      this.version = version;
      this.createdAt = createdAt;
    }
  }

  /** Creates an empty store over the emulator's shared state. */
  public VolumeStore(EmulatorState state) {
    this.state = state;
    this.volumes =
        new SharedObjects<>(
            "Volume",
            state.clock(),
            DEFAULT_EPHEMERAL_TIMEOUT,
            v -> removalListeners.forEach(l -> l.accept(v.id)),
            state.environments()::name);
    state.environments().onDeleted(volumes::dropEnvironment);
  }

  /** Sets how long an ephemeral volume outlives its last heartbeat (by the emulator's clock). */
  public VolumeStore ephemeralTimeout(Duration timeout) {
    volumes.ephemeralTimeout(timeout);
    return this;
  }

  /** Tells {@code listener} the id of each volume deleted or expired, so its files can go. */
  public void onRemoved(Consumer<String> listener) {
    removalListeners.add(listener);
  }

  /** Creates the named v1 volume in {@code environment} ("" = main) if missing; returns its id. */
  public String create(String environment, String name) {
    return create(environment, name, 1);
  }

  /**
   * Creates the named volume of file-system {@code version} (1 or 2) in {@code environment} ("" =
   * main) if missing; returns its id.
   */
  public String create(String environment, String name, int version) {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("volume version must be 1 or 2, got " + version);
    }
    String env = state.environments().resolve(environment);
    return named(
        env,
        name,
        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING,
        VolumeFsVersion.forNumber(version));
  }

  /** The name of the volume with this id ("" for ephemeral volumes), if it exists now. */
  public Optional<String> name(String volumeId) {
    return find(volumeId).map(v -> v.name);
  }

  /** The file-system version (1 or 2) of the volume with this id, if it exists now. */
  public Optional<Integer> version(String volumeId) {
    return find(volumeId).map(v -> v.version.getNumber());
  }

  /** The metadata of the volume with this id (name, version, creation), if it exists now. */
  public Optional<VolumeMetadata> metadata(String volumeId) {
    return find(volumeId).map(VolumeStore::metadata);
  }

  /**
   * Renames the named volume with this id within its environment (VolumeRename).
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND, ALREADY_EXISTS or INVALID_ARGUMENT
   */
  public void rename(String volumeId, String newName) {
    sweep();
    EmulatedVolume v = volumes.get(volumeId);
    volumes.rename(volumeId, newName);
    v.name = newName;
  }

  /** Removes expired ephemeral volumes now (each RPC of this store does it too). */
  public void sweep() {
    volumes.sweep();
  }

  VolumeGetOrCreateResponse getOrCreate(VolumeGetOrCreateRequest request) {
    sweep();
    String env = state.environments().resolve(request.getEnvironmentName());
    VolumeFsVersion version = requestedVersion(request);
    String id;
    if (request.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL) {
      if (!request.getDeploymentName().isEmpty()) {
        throw invalid("An ephemeral volume has no name");
      }
      String newId = state.newId("vo");
      id = volumes.addEphemeral(newId, new EmulatedVolume(newId, "", version, now()));
    } else {
      id = named(env, request.getDeploymentName(), request.getObjectCreationType(), version);
    }
    EmulatedVolume v = volumes.get(id);
    return VolumeGetOrCreateResponse.newBuilder()
        .setVolumeId(id)
        .setVersion(v.version)
        .setMetadata(metadata(v))
        .build();
  }

  Empty heartbeat(VolumeHeartbeatRequest request) {
    sweep();
    volumes.heartbeat(request.getVolumeId());
    return Empty.getDefaultInstance();
  }

  Empty delete(VolumeDeleteRequest request) {
    sweep();
    if (request.getVolumeId().isEmpty()) {
      throw invalid("volume_id is required");
    }
    try {
      volumes.delete(request.getVolumeId());
    } catch (io.grpc.StatusRuntimeException e) {
      throw Status.NOT_FOUND
          .withDescription("No Volume with ID '" + request.getVolumeId() + "' found")
          .asRuntimeException();
    }
    return Empty.getDefaultInstance();
  }

  VolumeListResponse list(VolumeListRequest request) {
    sweep();
    String env = state.environments().resolve(request.getEnvironmentName());
    int max = request.getPagination().getMaxObjects();
    double before = request.getPagination().getCreatedBefore();
    List<VolumeListItem> items =
        volumes.named(env).values().stream()
            .filter(v -> before <= 0 || v.createdAt < before)
            .sorted(Comparator.comparingDouble((EmulatedVolume v) -> v.createdAt).reversed())
            .limit(max > 0 ? max : Long.MAX_VALUE)
            .map(
                v ->
                    VolumeListItem.newBuilder()
                        .setLabel(v.name)
                        .setVolumeId(v.id)
                        .setCreatedAt(v.createdAt)
                        .setMetadata(metadata(v))
                        .build())
            .collect(Collectors.toList());
    return VolumeListResponse.newBuilder()
        .addAllItems(items)
        .setEnvironmentName(state.environments().name(env))
        .build();
  }

  private String named(String env, String name, ObjectCreationType type, VolumeFsVersion version) {
    if (type != ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED
        && type != ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING
        && type != ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS) {
      throw invalid("object_creation_type " + type + " is not supported for a named Volume");
    }
    String newId = state.newId("vo");
    return volumes.getOrCreate(
        env,
        name,
        type.getNumber(),
        () -> newId,
        () -> new EmulatedVolume(newId, name, version, now()));
  }

  private Optional<EmulatedVolume> find(String volumeId) {
    try {
      return Optional.of(volumes.get(volumeId));
    } catch (io.grpc.StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  private static VolumeFsVersion requestedVersion(VolumeGetOrCreateRequest request) {
    switch (request.getVersion()) {
      case VOLUME_FS_VERSION_UNSPECIFIED:
      case VOLUME_FS_VERSION_V1:
        return VolumeFsVersion.VOLUME_FS_VERSION_V1;
      case VOLUME_FS_VERSION_V2:
        return VolumeFsVersion.VOLUME_FS_VERSION_V2;
      default:
        throw invalid("unknown volume version " + request.getVersionValue());
    }
  }

  private static VolumeMetadata metadata(EmulatedVolume v) {
    return VolumeMetadata.newBuilder()
        .setName(v.name)
        .setVersion(v.version)
        .setCreationInfo(CreationInfo.newBuilder().setCreatedAt(v.createdAt))
        .build();
  }

  private double now() {
    return state.clock().millis() / 1000.0;
  }

  private static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
