package dev.modal4j.testing;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the one {@code modal.client.ModalClient} service of an emulator from its areas: a method
 * bound by a later area replaces the same method of an earlier one; unbound methods are absent
 * (UNIMPLEMENTED). Calls pass stats, then auth, then faults, then the idempotency cache before
 * reaching an area, so an injected failure is never cached and a lost response is.
 */
final class EmulatorService {
  private EmulatorService() {}

  static ServerServiceDefinition build(
      List<EmulatorArea> areas,
      StatsInterceptor stats,
      AuthInterceptor auth,
      FaultInterceptor faults,
      IdempotencyInterceptor idempotency) {
    Map<String, ServerMethodDefinition<?, ?>> methods = new LinkedHashMap<>();
    for (EmulatorArea area : areas) {
      ServerServiceDefinition.Builder part =
          ServerServiceDefinition.builder(ModalClientGrpc.SERVICE_NAME);
      area.bind(part);
      for (ServerMethodDefinition<?, ?> method : part.build().getMethods()) {
        methods.put(method.getMethodDescriptor().getFullMethodName(), method);
      }
    }
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(ModalClientGrpc.SERVICE_NAME);
    methods.values().forEach(service::addMethod);
    // The last interceptor runs first.
    return ServerInterceptors.intercept(service.build(), idempotency, faults, auth, stats);
  }
}
