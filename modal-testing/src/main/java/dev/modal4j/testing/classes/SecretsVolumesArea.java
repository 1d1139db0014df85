package dev.modal4j.testing.classes;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;

/** {@code SecretGetOrCreate} and {@code VolumeGetOrCreate} over the emulator's stores. */
public final class SecretsVolumesArea implements EmulatorArea {
  private final SecretStore secrets;
  private final VolumeStore volumes;

  /** Serves these stores. */
  public SecretsVolumesArea(SecretStore secrets, VolumeStore volumes) {
    this.secrets = secrets;
    this.volumes = volumes;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getSecretGetOrCreateMethod(), secrets::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getVolumeGetOrCreateMethod(), volumes::getOrCreate);
  }
}
