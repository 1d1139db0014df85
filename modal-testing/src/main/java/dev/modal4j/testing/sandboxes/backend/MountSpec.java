package dev.modal4j.testing.sandboxes.backend;

import java.nio.file.Path;

/**
 * A host directory made visible inside a sandbox.
 *
 * @param hostPath the directory on the emulator's host
 * @param sandboxPath the absolute path inside the sandbox
 * @param readOnly whether the sandbox may only read it
 */
public record MountSpec(Path hostPath, String sandboxPath, boolean readOnly) {}
