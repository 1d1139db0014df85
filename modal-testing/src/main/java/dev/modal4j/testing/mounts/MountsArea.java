package dev.modal4j.testing.mounts;

import dev.modal4j.proto.DeploymentNamespace;
import dev.modal4j.proto.ImageContextFile;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.MountBatchedCheckExistenceRequest;
import dev.modal4j.proto.MountBatchedCheckExistenceResponse;
import dev.modal4j.proto.MountGetOrCreateRequest;
import dev.modal4j.proto.MountGetOrCreateResponse;
import dev.modal4j.proto.MountHandleMetadata;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.images.ContextMountFiles;
import dev.modal4j.testing.images.ImagesArea;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.SharedObjects;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.SandboxesArea;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.volumes.VolumeDirectories;
import dev.modal4j.testing.volumes.VolumeFilesArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mounts: sets of files, each named by the SHA-256 of content put before with {@code MountPutFile}
 * (which the volume files area stores). {@code MountBatchedCheckExistence} answers the hashes not
 * stored yet; {@code MountGetOrCreate} makes an ephemeral, app-owned or named mount of listed files
 * (each copied from the store, so the mount keeps it), or looks a named one up when it lists none.
 * An image layer's {@code context_mount_id} adds the mount's files to its build context, at their
 * paths without the leading {@code /} (so Python's {@code COPY . /} puts them where they were
 * listed); a sandbox's {@code mount_ids} bind each file read-only at its path before the entrypoint
 * starts.
 */
public final class MountsArea implements EmulatorArea {
  private final EmulatorState state;
  private final VolumeFilesArea contents;
  private final MountStore store;
  private final Map<String, String> named = new ConcurrentHashMap<>();

  /**
   * Serves mounts whose content comes from {@code volumeFiles}' upload store.
   *
   * @param state the emulator's shared state (ids, environments, apps)
   * @param volumeFiles the area MountPutFile stores content in
   * @param directories where the mounts' own copies of their files are kept
   */
  public MountsArea(
      EmulatorState state, VolumeFilesArea volumeFiles, VolumeDirectories directories) {
    this.state = state;
    this.contents = volumeFiles;
    this.store = new MountStore(() -> directories.scratch("mounts"), volumeFiles::copyContent);
  }

  /**
   * Makes the area and lets {@code images} build from context mounts and {@code sandboxes} see the
   * mounts they name.
   *
   * @param state the emulator's shared state
   * @param volumeFiles the area MountPutFile stores content in
   * @param images the images area, whose layers may name a context mount
   * @param sandboxes the sandboxes area, whose definitions may name mounts
   * @return the area, to be registered with the emulator's service
   */
  public static MountsArea attach(
      EmulatorState state,
      VolumeFilesArea volumeFiles,
      ImagesArea images,
      SandboxesArea sandboxes) {
    MountsArea area = new MountsArea(state, volumeFiles, sandboxes.volumeDirectories());
    images.contextMountsFrom(area::contextFiles);
    sandboxes.mountsFrom(area::sandboxMounts);
    return area;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getMountGetOrCreateMethod(), this::getOrCreate);
    Unary.bind(
        service, ModalClientGrpc.getMountBatchedCheckExistenceMethod(), this::checkExistence);
  }

  /**
   * The mount with this id.
   *
   * @param mountId the mount's id
   * @return the mount, when known
   */
  public Optional<EmulatedMount> mount(String mountId) {
    return store.get(mountId);
  }

  /**
   * A mount's files as build context files, named by their paths, with their permission bits.
   *
   * @param mountId the mount's id
   * @return the files, or empty when no such mount exists
   */
  public Optional<ContextMountFiles> contextFiles(String mountId) {
    Optional<EmulatedMount> mount = store.get(mountId);
    if (mount.isEmpty()) {
      return Optional.empty();
    }
    List<ImageContextFile> files = new ArrayList<>();
    Map<String, Integer> modes = new LinkedHashMap<>();
    for (MountedFile f : mount.get().files()) {
      modes.put(f.remotePath(), f.mode());
      try {
        files.add(
            ImageContextFile.newBuilder()
                .setFilename(f.remotePath())
                .setData(com.google.protobuf.ByteString.copyFrom(Files.readAllBytes(f.hostFile())))
                .build());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a file of mount " + mountId, e);
      }
    }
    return Optional.of(new ContextMountFiles(files, modes));
  }

  /**
   * The read-only file binds that put these mounts' files at their paths (a path listed by a later
   * mount wins).
   *
   * @param mountIds the mounts, in the definition's order
   * @return one bind per distinct path
   * @throws StatusRuntimeException NOT_FOUND naming an unknown mount
   */
  public List<MountSpec> sandboxMounts(List<String> mountIds) {
    Map<String, MountSpec> byPath = new LinkedHashMap<>();
    for (String id : mountIds) {
      EmulatedMount mount =
          store
              .get(id)
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("Mount '" + id + "' not found")
                          .asRuntimeException());
      for (MountedFile f : mount.files()) {
        byPath.remove(f.remotePath());
        byPath.put(f.remotePath(), new MountSpec(f.hostFile(), f.remotePath(), true));
      }
    }
    return new ArrayList<>(byPath.values());
  }

  private MountBatchedCheckExistenceResponse checkExistence(
      MountBatchedCheckExistenceRequest request) {
    MountBatchedCheckExistenceResponse.Builder response =
        MountBatchedCheckExistenceResponse.newBuilder();
    for (String hash : request.getSha256HexHashesList()) {
      String hex = hash.toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        throw MountStore.invalid("sha256_hex '" + hash + "' is not 64 hex digits");
      }
      if (!contents.hasContent(hex)) {
        response.addMissingSha256HexHashes(hash);
      }
    }
    return response.build();
  }

  private MountGetOrCreateResponse getOrCreate(MountGetOrCreateRequest request) {
    ObjectCreationType type = request.getObjectCreationType();
    String name = request.getDeploymentName();
    if (name.isEmpty()) {
      switch (type) {
        case OBJECT_CREATION_TYPE_EPHEMERAL:
          state.environments().resolve(request.getEnvironmentName());
          return answer(store.create(state.newId("mo"), request.getFilesList()));
        case OBJECT_CREATION_TYPE_ANONYMOUS_OWNED_BY_APP:
          if (state.apps().byId(request.getAppId()).isEmpty()) {
            throw Status.NOT_FOUND
                .withDescription("App '" + request.getAppId() + "' not found")
                .asRuntimeException();
          }
          return answer(store.create(state.newId("mo"), request.getFilesList()));
        default:
          throw MountStore.invalid(
              "MountGetOrCreate without a deployment_name needs object_creation_type EPHEMERAL or"
                  + " ANONYMOUS_OWNED_BY_APP, got "
                  + type);
      }
    }
    String env = state.environments().resolve(request.getEnvironmentName());
    String key = key(request.getNamespace(), env, name);
    synchronized (named) {
      String existing = named.get(key);
      switch (type) {
        case OBJECT_CREATION_TYPE_UNSPECIFIED:
          if (existing == null) {
            throw SharedObjects.notFound("Mount", name, state.environments().name(env));
          }
          return answer(store.get(existing).orElseThrow());
        case OBJECT_CREATION_TYPE_CREATE_FAIL_IF_EXISTS:
          if (existing != null) {
            throw SharedObjects.alreadyExists("Mount", name, state.environments().name(env));
          }
          break;
        case OBJECT_CREATION_TYPE_CREATE_IF_MISSING:
          // Python deploys with this when overwriting is allowed: the name gets the new files
          break;
        default:
          throw MountStore.invalid("MountGetOrCreate of a named mount cannot use " + type);
      }
      EmulatedMount mount = store.create(state.newId("mo"), request.getFilesList());
      named.put(key, mount.mountId());
      return answer(mount);
    }
  }

  private static String key(DeploymentNamespace namespace, String env, String name) {
    return namespace == DeploymentNamespace.DEPLOYMENT_NAMESPACE_GLOBAL
        ? "global\0" + name
        : env + "\0" + name;
  }

  private static MountGetOrCreateResponse answer(EmulatedMount mount) {
    return MountGetOrCreateResponse.newBuilder()
        .setMountId(mount.mountId())
        .setHandleMetadata(
            MountHandleMetadata.newBuilder().setContentChecksumSha256Hex(mount.checksum()))
        .build();
  }

  @Override
  public void close() {
    store.close();
  }
}
