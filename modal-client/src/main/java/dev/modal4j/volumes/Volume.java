package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.objects.Heartbeat;
import java.util.Objects;
import java.util.Optional;

/**
 * A Modal Volume, a persistent file system that functions, classes and sandboxes can mount.
 *
 * <p>Get one from {@code modal.volumes().fromName("my-volume")}, or a nameless one kept alive by
 * this client with {@code modal.volumes().ephemeral()} (close it when done); mount it through
 * {@code SandboxCreateParams.builder().volumes(Map.of("/data", volume))}. {@link #withMountOptions}
 * gives a copy mounted read-only or at a sub-directory of the volume.
 */
public final class Volume implements AutoCloseable {
  private final String volumeId;
  private final String name;
  private final int version;
  private final boolean readOnly;
  private final String subPath;
  private final Heartbeat heartbeat;

  private Volume(
      String volumeId,
      String name,
      int version,
      boolean readOnly,
      String subPath,
      Heartbeat heartbeat) {
    this.volumeId = Objects.requireNonNull(volumeId, "volumeId");
    this.name = name;
    this.version = version;
    this.readOnly = readOnly;
    this.subPath = subPath;
    this.heartbeat = heartbeat;
  }

  /**
   * A volume already known by id (prefix {@code vo-}).
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Volume fromId(String volumeId) {
    Args.notBlank(volumeId, "volumeId");
    return new Volume(volumeId, null, 0, false, null, null);
  }

  static Volume of(String volumeId, String name, int version, Heartbeat heartbeat) {
    return new Volume(volumeId, name, version, false, null, heartbeat);
  }

  /** The volume's id, e.g. {@code vo-...}. */
  public String volumeId() {
    return volumeId;
  }

  /** The volume's name, when it was looked up by name; empty for ephemeral volumes. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The volume's file-system version as Modal reported it (1 or 2); empty for a volume made with
   * {@link #fromId}.
   */
  public Optional<Integer> version() {
    return version == 0 ? Optional.empty() : Optional.of(version);
  }

  /** Whether this volume is mounted read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The directory of the volume that is mounted; empty means the whole volume. */
  public Optional<String> subPath() {
    return Optional.ofNullable(subPath);
  }

  /** Whether this is an ephemeral volume kept alive by this client's heartbeats. */
  public boolean isEphemeral() {
    return heartbeat != null;
  }

  /** A copy of this volume that is mounted read-only. */
  public Volume readOnly() {
    return withMountOptions(VolumeMountOptions.builder().readOnly(true).build());
  }

  /**
   * A copy of this volume mounted as {@code options} say; options left unset keep this volume's
   * values, so calls stack. The copy shares this volume's heartbeat.
   *
   * @throws InvalidException if options is null
   */
  public Volume withMountOptions(VolumeMountOptions options) {
    Args.notNull(options, "options");
    boolean ro = options.readOnly().orElse(readOnly);
    String sub = subPath;
    if (options.subPath().isPresent()) {
      String s = options.subPath().get();
      sub = s.isEmpty() || s.equals("/") ? null : s;
    }
    return new Volume(volumeId, name, version, ro, sub, heartbeat);
  }

  /**
   * Stops the heartbeats of an ephemeral volume, after which Modal deletes it and its files; does
   * nothing for a named volume. Idempotent.
   */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Volume)) {
      return false;
    }
    Volume v = (Volume) o;
    return v.volumeId.equals(volumeId)
        && v.readOnly == readOnly
        && Objects.equals(v.subPath, subPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(volumeId, readOnly, subPath);
  }

  @Override
  public String toString() {
    return "Volume{"
        + volumeId
        + (name == null ? "" : ", name=" + name)
        + (readOnly ? ", readOnly" : "")
        + (subPath == null ? "" : ", subPath=" + subPath)
        + (heartbeat != null ? ", ephemeral" : "")
        + "}";
  }
}
