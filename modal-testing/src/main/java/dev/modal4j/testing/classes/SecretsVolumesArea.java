package dev.modal4j.testing.classes;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;

/**
 * Secrets (SecretGetOrCreate, SecretDelete, SecretList), volumes (VolumeGetOrCreate,
 * VolumeHeartbeat, VolumeDelete, VolumeList) and proxies (ProxyGet) over the emulator's stores.
 */
public final class SecretsVolumesArea implements EmulatorArea {
  private final SecretStore secrets;
  private final VolumeStore volumes;
  private final ProxyStore proxies;

  /** Serves these stores. */
  public SecretsVolumesArea(SecretStore secrets, VolumeStore volumes, ProxyStore proxies) {
    this.secrets = secrets;
    this.volumes = volumes;
    this.proxies = proxies;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getSecretGetOrCreateMethod(), secrets::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getSecretDeleteMethod(), secrets::delete);
    Unary.bind(service, ModalClientGrpc.getSecretListMethod(), secrets::list);
    Unary.bind(service, ModalClientGrpc.getVolumeGetOrCreateMethod(), volumes::getOrCreate);
    Unary.bind(service, ModalClientGrpc.getVolumeHeartbeatMethod(), volumes::heartbeat);
    Unary.bind(service, ModalClientGrpc.getVolumeDeleteMethod(), volumes::delete);
    Unary.bind(service, ModalClientGrpc.getVolumeListMethod(), volumes::list);
    Unary.bind(service, ModalClientGrpc.getProxyGetMethod(), proxies::get);
  }
}
