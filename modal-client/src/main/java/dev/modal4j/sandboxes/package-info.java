/**
 * Sandboxes: containers on Modal that you create, run commands in and stream stdio from. Get the
 * service from {@link dev.modal4j.ModalClient#sandboxes()}.
 *
 * <pre>{@code
 * App app = modal.apps().fromName("my-app", AppFromNameParams.builder().createIfMissing(true).build());
 * try (Sandbox sb = modal.sandboxes().create(app, modal.images().fromRegistry("alpine:3.21"))) {
 *   ContainerProcess p = sb.exec(List.of("echo", "hello"));
 *   String out = p.stdout().readText();
 *   int code = p.waitFor();
 * }
 * }</pre>
 *
 * <p>A {@link dev.modal4j.sandboxes.Sandbox} is {@code AutoCloseable}: closing it terminates the
 * sandbox; {@link dev.modal4j.sandboxes.Sandbox#detach()} lets it run on instead.
 */
package dev.modal4j.sandboxes;
