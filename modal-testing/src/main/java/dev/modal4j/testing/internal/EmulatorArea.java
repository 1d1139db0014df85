package dev.modal4j.testing.internal;

import io.grpc.ServerServiceDefinition;

/**
 * One area of the emulated {@code modal.client.ModalClient} service (auth, apps, functions ...).
 *
 * <p>The emulator builds one service definition by name ({@code
 * ServerServiceDefinition.builder("modal.client.ModalClient")}) and lets every area add the methods
 * it serves, using the generated {@code ModalClientGrpc.getXxxMethod()} descriptors and {@code
 * io.grpc.stub.ServerCalls}. A method no area binds answers UNIMPLEMENTED.
 */
public interface EmulatorArea extends AutoCloseable {

  /** Adds this area's methods. */
  void bind(ServerServiceDefinition.Builder service);

  /** Stops this area's threads and releases what it holds; must not throw. */
  @Override
  default void close() {}
}
