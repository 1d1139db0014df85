package dev.modal4j.sandboxes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.SandboxFilesystemException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.sandbox.FsErrors;
import dev.modal4j.internal.sandbox.FsErrors.Op;
import dev.modal4j.internal.sandbox.StdinUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The files of a sandbox, from {@link Sandbox#filesystem()}. Every operation runs Modal's
 * filesystem tool in the sandbox ({@value #TOOL}, with one JSON command; protocol/resources.md
 * §5.12), as Modal's Go and JS SDKs do, so it behaves the same against Modal and the emulator.
 *
 * <pre>{@code
 * SandboxFilesystem fs = sb.filesystem();
 * fs.writeText("/tmp/app/config.json", "{}");      // parents are created
 * String text = fs.readText("/tmp/app/config.json");
 * for (FileInfo f : fs.listFiles("/tmp/app")) { ... }
 * fs.copyToLocal("/tmp/app/result.bin", Path.of("result.bin"));   // streamed, atomic locally
 * try (Stream<FileWatchEvent> events = fs.watch("/tmp/app", WatchParams.DEFAULT)) { ... }
 * }</pre>
 *
 * <p>Remote paths must be absolute. Failures are {@link SandboxFilesystemException}s, one subclass
 * per reason (not found, is a directory, not a directory, permission, path already exists,
 * directory not empty, file too large); a sandbox that has gone is a {@link
 * dev.modal4j.NotFoundException}. Large files stream both ways in bounded memory ({@link
 * #open(String)}, {@link #write(String, InputStream)}, {@link #copyFromLocal}, {@link
 * #copyToLocal}). Thread-safe.
 */
public final class SandboxFilesystem {
  /** Where Modal's filesystem tool lives in every sandbox. */
  static final String TOOL = "/__modal/.bin/modal-sandbox-fs-tools";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecParams BINARY = ExecParams.builder().mode(StreamMode.BINARY).build();

  private final Sandbox sandbox;
  private final String containerId;

  /**
   * The filesystem of container {@code containerId} of {@code sandbox}'s task; empty for the main
   * container (a sidecar's id otherwise).
   */
  SandboxFilesystem(Sandbox sandbox, String containerId) {
    this.sandbox = sandbox;
    this.containerId = containerId;
  }

  // --- reading ---

  /**
   * The file's bytes.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if it does not exist
   * @throws dev.modal4j.SandboxFilesystemIsADirectoryException if it is a directory
   * @throws dev.modal4j.SandboxFilesystemFileTooLargeException if it is larger than the tool reads
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be read
   */
  public byte[] readBytes(String path) {
    check(path, "readBytes");
    return run(
        Op.READ,
        path,
        () -> {
          ContainerProcess p = start(command("ReadFile", path));
          byte[] data = p.stdout().readAllBytes();
          finish(p, Op.READ, path);
          return data;
        });
  }

  /** The async form of {@link #readBytes(String)}. */
  public CompletableFuture<byte[]> readBytesAsync(String path) {
    check(path, "readBytes");
    return async(() -> readBytes(path));
  }

  /**
   * The file's contents decoded as UTF-8.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws SandboxFilesystemException as {@link #readBytes(String)}
   */
  public String readText(String path) {
    check(path, "readText");
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  /** The async form of {@link #readText(String)}. */
  public CompletableFuture<String> readTextAsync(String path) {
    check(path, "readText");
    return async(() -> readText(path));
  }

  /**
   * The file's contents as a stream, fetched as it is read (bounded memory for any size). Errors
   * found before the first byte (not found, a directory, ...) are thrown here; close the stream to
   * stop early.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws SandboxFilesystemException as {@link #readBytes(String)}
   */
  public InputStream open(String path) {
    check(path, "open");
    return run(
        Op.READ,
        path,
        () -> {
          ContainerProcess p = start(command("ReadFile", path));
          FileStream stream = new FileStream(p, path);
          stream.awaitFirst();
          return stream;
        });
  }

  /**
   * Copies a sandbox file to {@code localPath}: streamed into a temporary file beside it, then
   * moved into place, so {@code localPath} is either untouched or complete. Parent directories are
   * created.
   *
   * @throws InvalidException if an argument is null or {@code remotePath} is not absolute
   * @throws SandboxFilesystemException as {@link #readBytes(String)}
   * @throws UncheckedIOException if the local file cannot be written
   */
  public void copyToLocal(String remotePath, Path localPath) {
    Args.notNull(remotePath, "remotePath");
    Args.notNull(localPath, "localPath");
    check(remotePath, "remotePath", "copyToLocal");
    Path target = localPath.toAbsolutePath();
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir + ": " + e.getMessage(), e);
    }
    Path temp;
    try {
      temp = Files.createTempFile(dir, ".modal-sandbox-fs-tmp-", "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write in " + dir + ": " + e.getMessage(), e);
    }
    boolean moved = false;
    try {
      try (InputStream in = open(remotePath)) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } catch (IOException e) {
      if (e.getCause() instanceof ModalException m) {
        throw m;
      }
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the temporary file stays; nothing else to do
        }
      }
    }
  }

  /** The async form of {@link #copyToLocal(String, Path)}. */
  public CompletableFuture<Void> copyToLocalAsync(String remotePath, Path localPath) {
    Args.notNull(remotePath, "remotePath");
    Args.notNull(localPath, "localPath");
    check(remotePath, "remotePath", "copyToLocal");
    return async(
        () -> {
          copyToLocal(remotePath, localPath);
          return null;
        });
  }

  // --- writing ---

  /**
   * Writes {@code data} to the file, replacing it; parent directories are created.
   *
   * @throws InvalidException if an argument is null or {@code path} is not absolute
   * @throws dev.modal4j.SandboxFilesystemIsADirectoryException if {@code path} is a directory
   * @throws dev.modal4j.SandboxFilesystemNotADirectoryException if a parent is not a directory
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be written
   */
  public void writeBytes(String path, byte[] data) {
    Args.notNull(path, "path");
    Args.notNull(data, "data");
    check(path, "writeBytes");
    byte[] copy = data.clone();
    upload(
        path, offset -> new ByteArrayInputStream(copy, (int) offset, copy.length - (int) offset));
  }

  /** The async form of {@link #writeBytes(String, byte[])}. */
  public CompletableFuture<Void> writeBytesAsync(String path, byte[] data) {
    Args.notNull(path, "path");
    Args.notNull(data, "data");
    check(path, "writeBytes");
    byte[] copy = data.clone();
    return async(
        () -> {
          writeBytes(path, copy);
          return null;
        });
  }

  /**
   * Writes {@code text} as UTF-8 to the file, replacing it; parent directories are created.
   *
   * @throws InvalidException if an argument is null or {@code path} is not absolute
   * @throws SandboxFilesystemException as {@link #writeBytes(String, byte[])}
   */
  public void writeText(String path, String text) {
    Args.notNull(path, "path");
    Args.notNull(text, "text");
    check(path, "writeText");
    writeBytes(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The async form of {@link #writeText(String, String)}. */
  public CompletableFuture<Void> writeTextAsync(String path, String text) {
    Args.notNull(path, "path");
    Args.notNull(text, "text");
    check(path, "writeText");
    return writeBytesAsync(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes everything {@code in} holds to the file (streamed, bounded memory), replacing it; does
   * not close {@code in}. A stream cannot be rewound, so a transfer the router breaks off fails
   * instead of resuming (a {@link Path} resumes).
   *
   * @throws InvalidException if an argument is null or {@code path} is not absolute
   * @throws UncheckedIOException if {@code in} cannot be read (the file is then not replaced)
   * @throws SandboxFilesystemException as {@link #writeBytes(String, byte[])}
   */
  public void write(String path, InputStream in) {
    Args.notNull(path, "path");
    Args.notNull(in, "in");
    check(path, "write");
    long[] consumed = {0};
    upload(
        path,
        offset -> {
          if (offset != consumed[0]) {
            throw new IOException(
                "the router asked to resume at byte "
                    + offset
                    + " of a stream already read to "
                    + consumed[0]);
          }
          return new InputStream() {
            @Override
            public int read() throws IOException {
              int b = in.read();
              if (b >= 0) {
                consumed[0]++;
              }
              return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = in.read(b, off, len);
              if (n > 0) {
                consumed[0] += n;
              }
              return n;
            }
          };
        });
  }

  /**
   * Writes the local file {@code localPath} to {@code path} (streamed, bounded memory, resumed from
   * where the router got to after a transient failure), replacing it.
   *
   * @throws InvalidException if an argument is null or {@code path} is not absolute
   * @throws UncheckedIOException if {@code localPath} cannot be read (checked before any RPC)
   * @throws SandboxFilesystemException as {@link #writeBytes(String, byte[])}
   */
  public void write(String path, Path localPath) {
    Args.notNull(path, "path");
    Args.notNull(localPath, "localPath");
    check(path, "write");
    FileChannel file;
    try {
      if (Files.isDirectory(localPath)) {
        throw new IOException(localPath + " is a directory");
      }
      file = FileChannel.open(localPath, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + localPath + ": " + e.getMessage(), e);
    }
    try (file) {
      upload(
          path,
          offset -> {
            file.position(offset);
            InputStream in = Channels.newInputStream(file);
            return new java.io.FilterInputStream(in) {
              @Override
              public void close() {
                // the channel is closed once, after the last attempt
              }
            };
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + localPath + ": " + e.getMessage(), e);
    }
  }

  /** The async form of {@link #write(String, Path)}. */
  public CompletableFuture<Void> writeAsync(String path, Path localPath) {
    Args.notNull(path, "path");
    Args.notNull(localPath, "localPath");
    check(path, "write");
    return async(
        () -> {
          write(path, localPath);
          return null;
        });
  }

  /**
   * Copies the local file {@code localPath} into the sandbox at {@code remotePath}, as {@link
   * #write(String, Path)}.
   *
   * @throws InvalidException if an argument is null or {@code remotePath} is not absolute
   * @throws UncheckedIOException if {@code localPath} cannot be read
   * @throws SandboxFilesystemException as {@link #writeBytes(String, byte[])}
   */
  public void copyFromLocal(Path localPath, String remotePath) {
    Args.notNull(localPath, "localPath");
    check(remotePath, "remotePath", "copyFromLocal");
    write(remotePath, localPath);
  }

  /** The async form of {@link #copyFromLocal(Path, String)}. */
  public CompletableFuture<Void> copyFromLocalAsync(Path localPath, String remotePath) {
    Args.notNull(localPath, "localPath");
    check(remotePath, "remotePath", "copyFromLocal");
    return writeAsync(remotePath, localPath);
  }

  // --- directories and metadata ---

  /**
   * The entries of a directory (not recursive), sorted by name; a symlink to a directory is
   * followed.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if it does not exist
   * @throws dev.modal4j.SandboxFilesystemNotADirectoryException if it is not a directory
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be read
   */
  public List<FileInfo> listFiles(String path) {
    check(path, "listFiles");
    JsonNode entries = runJson(Op.LIST, path, command("ListFiles", path));
    List<FileInfo> out = new ArrayList<>();
    for (JsonNode e : entries) {
      out.add(fileInfo(e));
    }
    return List.copyOf(out);
  }

  /** The async form of {@link #listFiles(String)}. */
  public CompletableFuture<List<FileInfo>> listFilesAsync(String path) {
    check(path, "listFiles");
    return async(() -> listFiles(path));
  }

  /**
   * What {@code path} is: a symlink is described itself, not its target.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if it does not exist
   * @throws dev.modal4j.SandboxFilesystemNotADirectoryException if a parent is not a directory
   * @throws dev.modal4j.SandboxFilesystemPermissionException if a parent may not be searched
   */
  public FileInfo stat(String path) {
    check(path, "stat");
    return fileInfo(runJson(Op.STAT, path, command("Stat", path)));
  }

  /** The async form of {@link #stat(String)}. */
  public CompletableFuture<FileInfo> statAsync(String path) {
    check(path, "stat");
    return async(() -> stat(path));
  }

  /**
   * Creates a directory and any missing parents; succeeds if it already exists.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws SandboxFilesystemException as {@link #makeDirectory(String, boolean)}
   */
  public void makeDirectory(String path) {
    makeDirectory(path, true);
  }

  /**
   * Creates a directory. With {@code createParents}, missing parents are created and an existing
   * directory is fine; without, the parent must exist and the path must not.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if the parent is missing (without {@code
   *     createParents})
   * @throws dev.modal4j.SandboxFilesystemPathAlreadyExistsException if the path exists (without
   *     {@code createParents}), or is a file
   * @throws dev.modal4j.SandboxFilesystemNotADirectoryException if a parent is a file
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be created
   */
  public void makeDirectory(String path, boolean createParents) {
    check(path, "makeDirectory");
    ObjectNode cmd = JSON.createObjectNode();
    cmd.putObject("MakeDirectory").put("path", path).put("parents", createParents);
    runQuiet(Op.MAKE_DIRECTORY, path, cmd.toString());
  }

  /** The async form of {@link #makeDirectory(String, boolean)}. */
  public CompletableFuture<Void> makeDirectoryAsync(String path, boolean createParents) {
    check(path, "makeDirectory");
    return async(
        () -> {
          makeDirectory(path, createParents);
          return null;
        });
  }

  /**
   * Removes a file, a symlink (not its target) or an empty directory.
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws SandboxFilesystemException as {@link #remove(String, boolean)}
   */
  public void remove(String path) {
    remove(path, false);
  }

  /**
   * Removes a file, a symlink (not its target) or a directory; a directory with entries only with
   * {@code recursive} (then with everything in it).
   *
   * @throws InvalidException if {@code path} is null or not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if it does not exist
   * @throws dev.modal4j.SandboxFilesystemDirectoryNotEmptyException if it is a directory with
   *     entries and {@code recursive} is false
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be removed
   */
  public void remove(String path, boolean recursive) {
    check(path, "remove");
    ObjectNode cmd = JSON.createObjectNode();
    cmd.putObject("Remove").put("path", path).put("recursive", recursive);
    runQuiet(Op.REMOVE, path, cmd.toString());
  }

  /** The async form of {@link #remove(String, boolean)}. */
  public CompletableFuture<Void> removeAsync(String path, boolean recursive) {
    check(path, "remove");
    return async(
        () -> {
          remove(path, recursive);
          return null;
        });
  }

  // --- watching ---

  /**
   * The changes under {@code path} as they happen: a file's own changes, a directory's entries
   * (with {@link WatchParams.Builder#recursive}, its subdirectories' too; a symlink is followed).
   * The stream ends when the params' timeout passes or the sandbox ends; closing it ends the watch
   * in the sandbox. Always close it (try-with-resources).
   *
   * @throws InvalidException if an argument is null or {@code path} is not absolute
   * @throws dev.modal4j.SandboxFilesystemNotFoundException if {@code path} does not exist (thrown
   *     by the stream's terminal operation, once the tool has said so)
   * @throws dev.modal4j.SandboxFilesystemPermissionException if it may not be watched
   */
  public Stream<FileWatchEvent> watch(String path, WatchParams params) {
    Args.notNull(path, "path");
    Args.notNull(params, "params");
    check(path, "watch");
    ObjectNode cmd = JSON.createObjectNode();
    ObjectNode w = cmd.putObject("Watch");
    w.put("path", path).put("recursive", params.recursive());
    if (params.filter().isPresent()) {
      ArrayNode filter = w.putArray("filter");
      for (FileWatchEventType t : FileWatchEventType.values()) {
        if (params.filter().get().contains(t)) {
          filter.add(t.wireName());
          if (t == FileWatchEventType.MODIFY) {
            filter.add("Rename").add("RenameFrom").add("RenameTo");
          }
        }
      }
    } else {
      w.putNull("filter");
    }
    if (params.timeout().isPresent()) {
      w.put("timeout_secs", params.timeout().get().getSeconds());
    } else {
      w.putNull("timeout_secs");
    }
    ContainerProcess p = run(Op.WATCH, path, () -> start(cmd.toString()));
    return new WatchStream(p, path).stream();
  }

  // --- plumbing ---

  /** Refuses a null {@code path} (named {@code name}), then one that is not absolute. */
  private static void check(String path, String operation) {
    check(path, "path", operation);
  }

  private static void check(String path, String name, String operation) {
    Args.notNull(path, name);
    if (!path.startsWith("/")) {
      throw new InvalidException(
          "Sandbox.filesystem."
              + operation
              + "() currently only supports absolute remotePath values");
    }
  }

  private static String command(String name, String path) {
    ObjectNode cmd = JSON.createObjectNode();
    cmd.putObject(name).put("path", path);
    return cmd.toString();
  }

  private ContainerProcess start(String json) {
    return Futures.join(sandbox.execIn(containerId, List.of(TOOL, json), BINARY));
  }

  /** Waits for the tool; a non-zero exit becomes the operation's exception. */
  static void finish(ContainerProcess p, Op op, String path) {
    int code = p.waitFor();
    if (code != 0) {
      throw FsErrors.fromExit(op, code, p.stderr().readAllBytes(), path);
    }
  }

  private static <T> T run(Op op, String path, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw FsErrors.fromExec(op, path, e);
    }
  }

  private JsonNode runJson(Op op, String path, String json) {
    byte[] out =
        run(
            op,
            path,
            () -> {
              ContainerProcess p = start(json);
              byte[] data = p.stdout().readAllBytes();
              finish(p, op, path);
              return data;
            });
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new SandboxFilesystemException(
          "The filesystem tool's answer for '" + path + "' is not JSON: " + e.getMessage(), e);
    }
  }

  private void runQuiet(Op op, String path, String json) {
    run(
        op,
        path,
        () -> {
          ContainerProcess p = start(json);
          finish(p, op, path);
          return null;
        });
  }

  private void upload(String path, StdinUpload.Source source) {
    run(
        Op.WRITE,
        path,
        () -> {
          ContainerProcess p = start(command("WriteFile", path));
          try {
            new StdinUpload(p.router(), p.execId()).send(source);
          } catch (StdinUpload.ProcessEnded e) {
            if (p.poll().isEmpty()) {
              throw (ModalException) e.getCause();
            }
          }
          finish(p, Op.WRITE, path);
          return null;
        });
  }

  private <T> CompletableFuture<T> async(Supplier<T> body) {
    return CallerFutures.hand(
        sandbox.context(),
        CompletableFuture.supplyAsync(body, sandbox.context().blockingExecutor()));
  }

  static FileInfo fileInfo(JsonNode e) {
    String type = e.path("type").asText("file");
    FileType t =
        switch (type) {
          case "directory" -> FileType.DIRECTORY;
          case "symlink" -> FileType.SYMLINK;
          default -> FileType.FILE;
        };
    double mtime = e.path("modified_time").asDouble(0);
    long seconds = (long) Math.floor(mtime);
    long nanos = Math.round((mtime - seconds) * 1e9);
    JsonNode target = e.get("symlink_target");
    return new FileInfo(
        e.path("name").asText(""),
        e.path("path").asText(""),
        t,
        e.path("size").asLong(0),
        e.path("mode").asInt(0),
        e.path("permissions").asText(""),
        e.path("owner").asText(""),
        e.path("group").asText(""),
        java.time.Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999)),
        target == null || target.isNull() ? null : target.asText());
  }
}
