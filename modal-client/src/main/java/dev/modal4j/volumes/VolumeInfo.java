package dev.modal4j.volumes;

import java.time.Instant;
import java.util.Optional;

/** What Modal records about a volume, from {@link Volume#info()}. */
public final class VolumeInfo {
  private final String name;
  private final Instant createdAt;
  private final String createdBy;

  VolumeInfo(String name, Instant createdAt, String createdBy) {
    this.name = name;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
  }

  /** The volume's name; empty for an ephemeral volume. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** When the volume was created, if Modal says. */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /** Who created the volume, if Modal says. */
  public Optional<String> createdBy() {
    return Optional.ofNullable(createdBy);
  }

  @Override
  public String toString() {
    return "VolumeInfo{name="
        + name
        + ", createdAt="
        + createdAt
        + ", createdBy="
        + createdBy
        + "}";
  }
}
