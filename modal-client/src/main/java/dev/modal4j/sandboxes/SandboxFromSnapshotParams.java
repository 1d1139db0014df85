package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Sandboxes#experimentalFromSnapshot(SandboxSnapshot,
 * SandboxFromSnapshotParams)}: the restored sandbox's name. By default it keeps the original's
 * name; {@link Builder#unnamed()} leaves it unnamed, {@link Builder#name(String)} names it.
 */
public final class SandboxFromSnapshotParams {
  /** The restored sandbox keeps the original's name. */
  public static final SandboxFromSnapshotParams DEFAULT = builder().build();

  private final String name;
  private final boolean unnamed;

  private SandboxFromSnapshotParams(Builder b) {
    this.name = b.name;
    this.unnamed = b.unnamed;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.unnamed = unnamed;
    return b;
  }

  /** The new name, when one was given. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Whether the restored sandbox is left without a name. */
  public boolean unnamed() {
    return unnamed;
  }

  @Override
  public String toString() {
    return "SandboxFromSnapshotParams{"
        + (name != null ? "name=" + name : unnamed ? "unnamed" : "original name")
        + "}";
  }

  /** Builds {@link SandboxFromSnapshotParams}. */
  public static final class Builder {
    private String name;
    private boolean unnamed;

    private Builder() {}

    /**
     * Names the restored sandbox.
     *
     * @throws InvalidException if the name is null or blank
     */
    public Builder name(String name) {
      this.name = Args.notBlank(name, "name");
      this.unnamed = false;
      return this;
    }

    /** Leaves the restored sandbox without a name. */
    public Builder unnamed() {
      this.name = null;
      this.unnamed = true;
      return this;
    }

    /** The params with the values set so far. */
    public SandboxFromSnapshotParams build() {
      return new SandboxFromSnapshotParams(this);
    }
  }
}
