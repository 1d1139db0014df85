package dev.modal4j.testing.sandboxes.docker;

import dev.modal4j.testing.sandboxes.backend.ExecSpec;
import dev.modal4j.testing.sandboxes.backend.MountSpec;
import dev.modal4j.testing.sandboxes.backend.SandboxSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A small builder of backend specs for the tests (the record has thirteen components). */
final class Specs {
  String sandboxId = "sb-test" + UUID.randomUUID().toString().substring(0, 8);
  String image = DockerBackend.BASE_IMAGE;
  List<String> entrypoint = List.of();
  Map<String, String> env = Map.of();
  Optional<String> workdir = Optional.empty();
  int milliCpu;
  int milliCpuMax;
  int memoryMb;
  int memoryMbMax;
  List<MountSpec> mounts = new ArrayList<>();
  boolean blockNetwork;
  List<Integer> openPorts = List.of();
  boolean pty;
  List<dev.modal4j.testing.sandboxes.backend.ImageLayer> layers = new ArrayList<>();

  static Specs sandbox() {
    return new Specs();
  }

  Specs entrypoint(String... args) {
    entrypoint = List.of(args);
    return this;
  }

  Specs image(String value) {
    image = value;
    return this;
  }

  Specs env(Map<String, String> value) {
    env = value;
    return this;
  }

  Specs workdir(String value) {
    workdir = Optional.of(value);
    return this;
  }

  Specs limits(int cpu, int cpuMax, int memory, int memoryMax) {
    milliCpu = cpu;
    milliCpuMax = cpuMax;
    memoryMb = memory;
    memoryMbMax = memoryMax;
    return this;
  }

  Specs mount(MountSpec mount) {
    mounts.add(mount);
    return this;
  }

  Specs blockNetwork() {
    blockNetwork = true;
    return this;
  }

  Specs ports(Integer... ports) {
    openPorts = List.of(ports);
    return this;
  }

  Specs layer(Map<String, String> buildEnv, String... commands) {
    layers.add(new dev.modal4j.testing.sandboxes.backend.ImageLayer(List.of(commands), buildEnv));
    return this;
  }

  Specs pty() {
    pty = true;
    return this;
  }

  SandboxSpec build() {
    return new SandboxSpec(
        sandboxId,
        image,
        entrypoint,
        env,
        workdir,
        milliCpu,
        milliCpuMax,
        memoryMb,
        memoryMbMax,
        mounts,
        blockNetwork,
        openPorts,
        pty,
        layers);
  }

  static ExecSpec exec(String... args) {
    return new ExecSpec(List.of(args), Map.of(), Optional.empty(), false);
  }

  private Specs() {}
}
