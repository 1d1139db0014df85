package dev.modal4j.images;

import dev.modal4j.Gpu;
import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.options.EnvNames;
import dev.modal4j.secrets.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of one layer added by {@link Image#dockerfileCommands(List, DockerfileParams)}: the
 * environment variables and secrets its commands see, the GPU they build on, and whether to build
 * it even when Modal has it cached.
 */
public final class DockerfileParams {
  /** No env, no secrets, no GPU, the build cache used. */
  public static final DockerfileParams DEFAULT = builder().build();

  private final Map<String, String> env;
  private final List<Secret> secrets;
  private final Gpu gpu;
  private final boolean forceBuild;

  private DockerfileParams(Builder b) {
    this.env = Map.copyOf(b.env);
    this.secrets = List.copyOf(b.secrets);
    this.gpu = b.gpu;
    this.forceBuild = b.forceBuild;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.env.putAll(env);
    b.secrets = secrets;
    b.gpu = gpu;
    b.forceBuild = forceBuild;
    return b;
  }

  /** Environment variables the layer's commands see (sent as an ephemeral secret). */
  public Map<String, String> env() {
    return env;
  }

  /** Secrets whose variables the layer's commands see. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** The GPU the layer is built on, if any. */
  public Optional<Gpu> gpu() {
    return Optional.ofNullable(gpu);
  }

  /** Whether the layer is rebuilt even when Modal has it cached. */
  public boolean forceBuild() {
    return forceBuild;
  }

  @Override
  public String toString() {
    return "DockerfileParams{envNames="
        + new TreeMap<>(env).keySet()
        + ", secrets="
        + secrets
        + ", gpu="
        + gpu
        + ", forceBuild="
        + forceBuild
        + "}";
  }

  /** Builds {@link DockerfileParams}. */
  public static final class Builder {
    private final Map<String, String> env = new TreeMap<>();
    private List<Secret> secrets = List.of();
    private Gpu gpu;
    private boolean forceBuild;

    private Builder() {}

    /**
     * Environment variables for the layer's commands; replaces earlier ones.
     *
     * @throws InvalidException if a name is not a valid variable name or a value is null
     */
    public Builder env(Map<String, String> env) {
      Args.noNullKeys(env, "env");
      Map<String, String> checked = new TreeMap<>();
      env.forEach(
          (k, v) -> {
            if (v == null) {
              throw new InvalidException("env: the value of '" + k + "' must not be null");
            }
            checked.put(EnvNames.check(k), v);
          });
      this.env.clear();
      this.env.putAll(checked);
      return this;
    }

    /** Secrets for the layer's commands; replaces earlier ones. */
    public Builder secrets(List<Secret> secrets) {
      this.secrets = List.copyOf(Args.noNullElements(secrets, "secrets"));
      return this;
    }

    /** The GPU to build on. */
    public Builder gpu(Gpu gpu) {
      this.gpu = Args.notNull(gpu, "gpu");
      return this;
    }

    /**
     * The GPU to build on, as Modal writes it: {@code "T4"}, {@code "A100-80GB:2"} ...
     *
     * @throws InvalidException if the string is not a valid GPU request
     */
    public Builder gpu(String gpu) {
      this.gpu = Gpu.parse(Args.notBlank(gpu, "gpu"));
      return this;
    }

    /** Rebuilds the layer even when Modal has it cached (default false). */
    public Builder forceBuild(boolean forceBuild) {
      this.forceBuild = forceBuild;
      return this;
    }

    /** The params with the values set so far. */
    public DockerfileParams build() {
      return new DockerfileParams(this);
    }
  }
}
