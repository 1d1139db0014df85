package dev.modal4j.testing.classes;

import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeGetOrCreateResponse;
import dev.modal4j.proto.VolumeMetadata;
import dev.modal4j.testing.EmulatorState;
import java.util.Optional;

/** The emulated workspace's volumes (names and ids only; no files yet). */
public final class VolumeStore {
  private final EmulatorState state;
  private final NamedObjects<String> volumes = new NamedObjects<>("Volume");

  /** Creates an empty store over the emulator's shared state. */
  public VolumeStore(EmulatorState state) {
    this.state = state;
  }

  /** Creates the named volume in {@code environment} ("" = main) if missing; returns its id. */
  public String create(String environment, String name) {
    String env = state.environments().resolve(environment);
    return volumes.getOrCreate(
        env,
        name,
        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING,
        () -> state.newId("vo"),
        () -> name);
  }

  /** The name of the volume with this id ("" for ephemeral volumes), if it exists. */
  public Optional<String> name(String volumeId) {
    return volumes.byId(volumeId);
  }

  VolumeGetOrCreateResponse getOrCreate(VolumeGetOrCreateRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    String id;
    String name = request.getDeploymentName();
    if (request.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL) {
      id = volumes.addAnonymous(state.newId("vo"), "");
    } else {
      if (name.isEmpty()) {
        throw io.grpc.Status.INVALID_ARGUMENT
            .withDescription("Volume name is required")
            .asRuntimeException();
      }
      id =
          volumes.getOrCreate(
              env, name, request.getObjectCreationType(), () -> state.newId("vo"), () -> name);
    }
    return VolumeGetOrCreateResponse.newBuilder()
        .setVolumeId(id)
        .setVersion(VolumeFsVersion.VOLUME_FS_VERSION_V2)
        .setMetadata(
            VolumeMetadata.newBuilder()
                .setName(name)
                .setVersion(VolumeFsVersion.VOLUME_FS_VERSION_V2))
        .build();
  }
}
