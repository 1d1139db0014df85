package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.PortSpec;
import dev.modal4j.proto.Resources;
import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.VolumeMount;
import dev.modal4j.testing.classes.SecretStore;
import dev.modal4j.testing.classes.VolumeStore;
import dev.modal4j.testing.images.ImageRecord;
import dev.modal4j.testing.internal.Jwts;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import dev.modal4j.testing.sandboxes.views.VolumeViews;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a checked sandbox definition into what a backend starts: the image to run, the environment
 * (the definition's variables, then every secret in order, later ones winning), volume directories,
 * limits, network and ports.
 */
final class SandboxSpecs {
  private final SecretStore secrets;
  private final VolumeStore volumes;
  private final VolumeStorage storage;
  private final VolumeViews views;
  private final Jwts jwts;
  private final FilesystemTool fsTool;
  private volatile SandboxAttachments attachments;
  private volatile java.util.function.Function<List<String>, List<MountSpec>> modalMounts =
      SandboxSpecs::noMounts;

  SandboxSpecs(
      SecretStore secrets,
      VolumeStore volumes,
      VolumeStorage storage,
      VolumeViews views,
      Jwts jwts) {
    this.secrets = secrets;
    this.volumes = volumes;
    this.storage = storage;
    this.views = views;
    this.jwts = jwts;
    this.fsTool = new FilesystemTool(storage);
  }

  /** Resolves a definition's {@code mount_ids} to binds with {@code mounts} from now on. */
  void mountsFrom(java.util.function.Function<List<String>, List<MountSpec>> mounts) {
    this.modalMounts = mounts;
  }

  private static List<MountSpec> noMounts(List<String> mountIds) {
    if (!mountIds.isEmpty()) {
      throw Status.NOT_FOUND
          .withDescription("Mount '" + mountIds.get(0) + "' not found")
          .asRuntimeException();
    }
    return List.of();
  }

  /** Checks proxies and mounts cloud buckets with {@code attachments} from now on. */
  void attach(SandboxAttachments attachments) {
    this.attachments = attachments;
  }

  /**
   * The merged environment of these secrets, later ones winning.
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND naming an unknown secret
   */
  Map<String, String> secretEnv(List<String> secretIds) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String id : secretIds) {
      env.putAll(
          secrets
              .values(id)
              .orElseThrow(
                  () ->
                      Status.NOT_FOUND
                          .withDescription("Secret '" + id + "' not found")
                          .asRuntimeException()));
    }
    return env;
  }

  SandboxSpec build(EmulatedSandbox.Ids ids, Sandbox d, ImageRecord image, String appId) {
    return build(ids, d, image, appId, Map.of());
  }

  /**
   * The spec, with {@code ephemeral} (a V2 create's ephemeral secrets) over the secrets' variables.
   */
  SandboxSpec build(
      EmulatedSandbox.Ids ids,
      Sandbox d,
      ImageRecord image,
      String appId,
      Map<String, String> ephemeral) {
    Map<String, String> env = new LinkedHashMap<>(d.getEnvironmentVariables().getContentsMap());
    env.putAll(secretEnv(d.getSecretIdsList()));
    env.putAll(ephemeral);
    env.put("MODAL_SANDBOX_ID", ids.sandboxId());
    env.put("MODAL_TASK_ID", ids.taskId());
    if (d.getIncludeOidcIdentityToken()) {
      env.put(
          "MODAL_IDENTITY_TOKEN",
          jwts.issue(
              Duration.ofHours(1),
              Map.of("sub", "modal:sandbox:" + ids.sandboxId(), "app_id", appId)));
    }
    if (d.getPtyInfo().getEnabled()) {
      putIfNotEmpty(env, "TERM", d.getPtyInfo().getEnvTerm());
      putIfNotEmpty(env, "COLORTERM", d.getPtyInfo().getEnvColorterm());
      putIfNotEmpty(env, "TERM_PROGRAM", d.getPtyInfo().getEnvTermProgram());
    }
    List<MountSpec> mounts;
    try {
      mounts = mounts(ids.sandboxId(), d.getVolumeMountsList());
      mounts.addAll(bucketMounts(d));
      mounts.addAll(modalMounts.apply(d.getMountIdsList()));
    } catch (RuntimeException e) {
      views.discard(ids.sandboxId());
      throw e;
    }
    if (experimental(d, "enable_docker")) {
      mounts.add(
          new MountSpec(storage.scratch("docker-" + ids.sandboxId()), "/var/lib/docker", false));
    }
    mounts.add(fsTool.mount());
    List<Integer> ports = new ArrayList<>();
    for (PortSpec p : d.getOpenPorts().getPortsList()) {
      ports.add(p.getPort());
    }
    Resources r = d.getResources();
    boolean blocked =
        d.getBlockNetwork()
            || d.getNetworkAccess().getNetworkAccessType() == NetworkAccessType.BLOCKED;
    return new SandboxSpec(
        ids.sandboxId(),
        image.registryTag(),
        d.getEntrypointArgsList(),
        env,
        d.hasWorkdir() ? Optional.of(d.getWorkdir()) : Optional.empty(),
        r.getMilliCpu(),
        r.getMilliCpuMax(),
        r.getMemoryMb(),
        r.getMemoryMbMax(),
        mounts,
        blocked,
        ports,
        d.getPtyInfo().getEnabled(),
        image.layers());
  }

  /**
   * The host directories of these volume mounts: views of the volumes' committed state made now for
   * the container {@code owner} (the key its views are reloaded and ended by).
   *
   * @throws io.grpc.StatusRuntimeException NOT_FOUND naming an unknown volume
   */
  List<MountSpec> mounts(String owner, List<VolumeMount> volumeMounts) {
    List<MountSpec> mounts = new ArrayList<>();
    for (VolumeMount m : volumeMounts) {
      if (volumes.name(m.getVolumeId()).isEmpty()) {
        throw Status.NOT_FOUND
            .withDescription("Volume '" + m.getVolumeId() + "' not found")
            .asRuntimeException();
      }
      mounts.add(
          new MountSpec(
              views.open(
                  owner, m.getVolumeId(), m.hasSubPath() ? m.getSubPath() : "", m.getReadOnly()),
              m.getMountPath(),
              m.getReadOnly()));
    }
    return mounts;
  }

  /** The containers' views of their volumes. */
  VolumeViews views() {
    return views;
  }

  private List<MountSpec> bucketMounts(Sandbox d) {
    SandboxAttachments a = attachments;
    if (a != null) {
      return a.check(d);
    }
    if (d.getCloudBucketMountsCount() > 0) {
      throw Status.FAILED_PRECONDITION
          .withDescription("This emulator knows no cloud buckets")
          .asRuntimeException();
    }
    return List.of();
  }

  /** The mount of Modal's filesystem tool, which every container (main or sidecar) has. */
  MountSpec toolMount() {
    return fsTool.mount();
  }

  /** Whether an experimental option is on, in either of the definition's two maps. */
  static boolean experimental(Sandbox d, String option) {
    return d.getExperimentalOptionsOrDefault(option, false)
        || "true".equalsIgnoreCase(d.getExperimentalOptionsV2OrDefault(option, "false"));
  }

  private static void putIfNotEmpty(Map<String, String> env, String key, String value) {
    if (!value.isEmpty()) {
      env.put(key, value);
    }
  }
}
