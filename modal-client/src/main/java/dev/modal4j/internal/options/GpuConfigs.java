package dev.modal4j.internal.options;

import dev.modal4j.Gpu;
import dev.modal4j.proto.GPUConfig;

/** {@link Gpu} to the wire's {@code GPUConfig}: the type by name, never the deprecated enum. */
public final class GpuConfigs {
  private GpuConfigs() {}

  /** The config for {@code gpu}, or an empty one (no GPU) when it is null. */
  public static GPUConfig toProto(Gpu gpu) {
    if (gpu == null) {
      return GPUConfig.getDefaultInstance();
    }
    return GPUConfig.newBuilder().setGpuType(gpu.type()).setCount(gpu.count()).build();
  }
}
