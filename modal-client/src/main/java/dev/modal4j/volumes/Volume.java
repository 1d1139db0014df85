package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Objects;
import java.util.Optional;

/**
 * A Modal Volume, a persistent file system that functions, classes and sandboxes can mount.
 *
 * <p>Get one from {@code modal.volumes().fromName("my-volume")}; mount it through {@code
 * ClsOptions.builder().volumes(Map.of("/data", volume))}. {@link #readOnly()} gives a copy that is
 * mounted read-only.
 */
public final class Volume {
  private final String volumeId;
  private final String name;
  private final boolean readOnly;

  private Volume(String volumeId, String name, boolean readOnly) {
    this.volumeId = Objects.requireNonNull(volumeId, "volumeId");
    this.name = name;
    this.readOnly = readOnly;
  }

  /**
   * A volume already known by id (prefix {@code vo-}).
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Volume fromId(String volumeId) {
    Args.notBlank(volumeId, "volumeId");
    return new Volume(volumeId, null, false);
  }

  static Volume of(String volumeId, String name) {
    return new Volume(volumeId, name, false);
  }

  /** The volume's id, e.g. {@code vo-...}. */
  public String volumeId() {
    return volumeId;
  }

  /** The volume's name, when it was looked up by name. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Whether this volume is mounted read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** A copy of this volume that is mounted read-only. */
  public Volume readOnly() {
    return new Volume(volumeId, name, true);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Volume)) {
      return false;
    }
    Volume v = (Volume) o;
    return v.volumeId.equals(volumeId) && v.readOnly == readOnly;
  }

  @Override
  public int hashCode() {
    return Objects.hash(volumeId, readOnly);
  }

  @Override
  public String toString() {
    return "Volume{"
        + volumeId
        + (name == null ? "" : ", name=" + name)
        + (readOnly ? ", readOnly" : "")
        + "}";
  }
}
