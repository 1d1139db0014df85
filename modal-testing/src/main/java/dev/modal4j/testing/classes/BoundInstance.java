package dev.modal4j.testing.classes;

import java.util.Map;
import java.util.Optional;

/**
 * One instance of an emulated class, as a method sees it: the parameter values it was bound with
 * (defaults filled in) and the resources its options asked for.
 */
public final class BoundInstance {
  /** CPU cores a container gets when no option sets them (Modal's default request). */
  public static final double DEFAULT_CPU = 0.125;

  /** Memory a container gets when no option sets it, MiB (Modal's default request). */
  public static final int DEFAULT_MEMORY_MB = 128;

  private final Map<String, Object> parameters;
  private final String gpu;
  private final double cpu;
  private final int memoryMb;

  BoundInstance(Map<String, Object> parameters, String gpu, double cpu, int memoryMb) {
    this.parameters = Map.copyOf(parameters);
    this.gpu = gpu;
    this.cpu = cpu;
    this.memoryMb = memoryMb;
  }

  /** The parameters by name: {@code String}, {@code Long}, {@code Boolean} or {@code byte[]}. */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** One parameter's value. */
  public Object parameter(String name) {
    return parameters.get(name);
  }

  /** The GPU as {@code TYPE:COUNT} (e.g. {@code "A100-80GB:1"}), if one was requested. */
  public Optional<String> gpu() {
    return Optional.ofNullable(gpu);
  }

  /** CPU cores. */
  public double cpu() {
    return cpu;
  }

  /** Memory, MiB. */
  public int memoryMb() {
    return memoryMb;
  }

  /**
   * {@code {"gpu": "TYPE:COUNT" or null, "cpu": cores, "memory_mb": MiB}}, as the demo app says.
   */
  public Map<String, Object> resources() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("gpu", gpu);
    out.put("cpu", cpu);
    out.put("memory_mb", memoryMb);
    return out;
  }
}
