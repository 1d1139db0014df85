package dev.modal4j.dicts;

import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * Options of {@link Dicts#fromName(String, DictFromNameParams)}.
 *
 * <pre>{@code
 * Dict q = modal.dicts().fromName("jobs",
 *     DictFromNameParams.builder().createIfMissing(true).build());
 * }</pre>
 */
public final class DictFromNameParams {
  /** The defaults. */
  public static final DictFromNameParams DEFAULT = builder().build();

  private final String environment;
  private final boolean createIfMissing;

  private DictFromNameParams(Builder b) {
    this.environment = b.environment;
    this.createIfMissing = b.createIfMissing;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.environment = environment;
    b.createIfMissing = createIfMissing;
    return b;
  }

  /** The environment; empty means the client's environment. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** Whether a missing dict is created. */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  /** The values, for logs. */
  @Override
  public String toString() {
    return "DictFromNameParams{"
        + "environment="
        + environment
        + ", "
        + "createIfMissing="
        + createIfMissing
        + "}";
  }

  /** Builds {@link DictFromNameParams}. */
  public static final class Builder {
    private String environment;
    private boolean createIfMissing;

    private Builder() {}

    /** The environment; "" means the client's environment. */
    public Builder environment(String environment) {
      Args.notNull(environment, "environment");
      this.environment = environment.isEmpty() ? null : environment;
      return this;
    }

    /** Creates the dict if it does not exist (default false). */
    public Builder createIfMissing(boolean createIfMissing) {
      this.createIfMissing = createIfMissing;
      return this;
    }

    /** The immutable params. */
    public DictFromNameParams build() {
      return new DictFromNameParams(this);
    }
  }
}
