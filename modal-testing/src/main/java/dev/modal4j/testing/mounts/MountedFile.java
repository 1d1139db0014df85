package dev.modal4j.testing.mounts;

import java.nio.file.Path;

/**
 * One file of a mount.
 *
 * @param remotePath the absolute path the file has inside a container (and, without its leading
 *     {@code /}, inside a build context)
 * @param sha256Hex the lower-case hex SHA-256 of its content
 * @param mode its permission bits
 * @param hostFile the mount's own copy of the content on the emulator's host
 */
public record MountedFile(String remotePath, String sha256Hex, int mode, Path hostFile) {}
