package dev.modal4j.testing.mounts;

import dev.modal4j.proto.MountFile;
import dev.modal4j.testing.internal.FileModes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The mounts made so far, each with its own copy of its files' content on the host (one file per
 * listed path, with the listed permission bits), so content the bounded upload store later drops
 * stays available to the mount.
 */
final class MountStore {
  /** The permission bits of a file listed without a mode. */
  static final int DEFAULT_MODE = 0644;

  /** Where uploaded content comes from. */
  interface Contents {
    /** Copies the content with this hash to a new file; false when it is not stored. */
    boolean copy(String sha256Hex, Path target) throws IOException;
  }

  private final Supplier<Path> dirs;
  private final Contents contents;
  private final Map<String, EmulatedMount> byId = new ConcurrentHashMap<>();
  private Path dir;

  MountStore(Supplier<Path> dir, Contents contents) {
    this.dirs = dir;
    this.contents = contents;
  }

  /** The mount with this id. */
  Optional<EmulatedMount> get(String mountId) {
    return Optional.ofNullable(byId.get(mountId));
  }

  /**
   * Makes a mount of these files, copying each one's content.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT for a path that is not absolute, leaves the
   *     root, or is listed twice, or a malformed hash; FAILED_PRECONDITION for content never put
   */
  EmulatedMount create(String mountId, List<MountFile> files) {
    List<String> paths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MountFile f : files) {
      String path = remotePath(f.getFilename());
      if (!seen.add(path)) {
        throw invalid("Mount file '" + f.getFilename() + "' is listed more than once");
      }
      hexOf(f.getSha256Hex());
      paths.add(path);
    }
    Path own = directory().resolve(mountId);
    List<MountedFile> mounted = new ArrayList<>();
    try {
      Files.createDirectories(own);
      for (int i = 0; i < files.size(); i++) {
        MountFile f = files.get(i);
        String hex = hexOf(f.getSha256Hex());
        int mode = f.hasMode() ? f.getMode() & 07777 : DEFAULT_MODE;
        Path target = own.resolve(Integer.toString(i));
        if (!contents.copy(hex, target)) {
          throw Status.FAILED_PRECONDITION
              .withDescription(
                  "Mount file '"
                      + f.getFilename()
                      + "': no content with sha256 "
                      + hex
                      + " was uploaded (MountPutFile)")
              .asRuntimeException();
        }
        Files.setPosixFilePermissions(target, permissions(mode));
        mounted.add(new MountedFile(paths.get(i), hex, mode, target));
      }
    } catch (IOException e) {
      deleteTree(own);
      throw new UncheckedIOException("cannot store the files of mount " + mountId, e);
    } catch (RuntimeException e) {
      deleteTree(own);
      throw e;
    }
    EmulatedMount mount = new EmulatedMount(mountId, mounted, checksum(mounted));
    byId.put(mountId, mount);
    return mount;
  }

  /** Deletes every mount's files. */
  synchronized void close() {
    byId.clear();
    if (dir != null) {
      deleteTree(dir);
    }
  }

  private synchronized Path directory() {
    if (dir == null) {
      dir = dirs.get();
    }
    return dir;
  }

  /**
   * The normalized absolute path a mount file has in a container.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT when it is not absolute or leaves the root
   */
  static String remotePath(String name) {
    if (!name.startsWith("/") || name.indexOf('\0') >= 0) {
      throw invalid("Mount file '" + name + "' must be an absolute path");
    }
    List<String> steps = new ArrayList<>();
    for (String step : name.split("/")) {
      if (step.equals("..")) {
        throw invalid("Mount file '" + name + "' leaves the root directory");
      }
      if (!step.isEmpty() && !step.equals(".")) {
        steps.add(step);
      }
    }
    if (steps.isEmpty()) {
      throw invalid("Mount file '" + name + "' names no file");
    }
    return "/" + String.join("/", steps);
  }

  private static String hexOf(String sha256Hex) {
    String hex = sha256Hex.toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw invalid("sha256_hex '" + sha256Hex + "' is not 64 hex digits");
    }
    return hex;
  }

  private static String checksum(List<MountedFile> files) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<MountedFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(MountedFile::remotePath));
    for (MountedFile f : sorted) {
      String line = f.remotePath() + "\0" + f.sha256Hex() + "\0" + Integer.toOctalString(f.mode());
      digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code mode}'s permissions, and always the owner's read: the emulator reads its own copy. */
  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = FileModes.permissions(mode);
    out.add(PosixFilePermission.OWNER_READ);
    return out;
  }

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left for the emulator's directory cleanup
                }
              });
    } catch (IOException e) {
      // left for the emulator's directory cleanup
    }
  }
}
