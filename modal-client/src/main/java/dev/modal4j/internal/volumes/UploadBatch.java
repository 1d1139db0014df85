package dev.modal4j.internal.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The files of one batch upload, collected as the caller adds them; directories are walked when the
 * batch is uploaded, as Modal's Python SDK does. Arguments are checked by the public builder.
 */
public final class UploadBatch {
  /** The permission bits of uploaded bytes that have no file of their own. */
  public static final int DEFAULT_MODE = 0644;

  private final VolumeFiles volume;
  private final boolean force;
  private final List<Entry> entries = new ArrayList<>();

  private sealed interface Entry permits FileEntry, BytesEntry, StreamEntry, DirEntry {}

  private record FileEntry(Path local, String remote, int mode) implements Entry {}

  private record BytesEntry(byte[] data, String remote, int mode) implements Entry {}

  private record StreamEntry(InputStream in, String remote, int mode) implements Entry {}

  private record DirEntry(Path local, String remote, boolean recursive) implements Entry {}

  /** A batch for {@code volume}; {@code force} allows overwriting existing files. */
  public UploadBatch(VolumeFiles volume, boolean force) {
    this.volume = volume;
    this.force = force;
  }

  /** Adds a local file; {@code mode} below 0 means the file's own permission bits. */
  public synchronized void addFile(Path local, String remote, int mode) {
    entries.add(new FileEntry(local, remote, mode));
  }

  /** Adds bytes (the caller's array is copied). */
  public synchronized void addBytes(byte[] data, String remote, int mode) {
    entries.add(new BytesEntry(data.clone(), remote, mode));
  }

  /** Adds a caller's stream, read (not closed) when the batch is uploaded. */
  public synchronized void addStream(InputStream in, String remote, int mode) {
    entries.add(new StreamEntry(in, remote, mode));
  }

  /** Adds the regular files of a local directory (below it too with {@code recursive}). */
  public synchronized void addDirectory(Path local, String remote, boolean recursive) {
    entries.add(new DirEntry(local, remote, recursive));
  }

  /** Whether nothing was added. */
  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Collects the files (walking directories and spooling streams on a blocking thread) and uploads
   * them. The spooled streams' temporary files are deleted when the upload ends, however it ends,
   * and at once if the returned future is cancelled.
   */
  public CompletableFuture<Void> upload() {
    List<Entry> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(entries);
    }
    boolean streams = snapshot.stream().anyMatch(e -> e instanceof StreamEntry);
    Spool spool = new Spool();
    CompletableFuture<Integer> version =
        streams ? volume.version() : CompletableFuture.completedFuture(0);
    CompletableFuture<Void> work =
        version
            .thenApplyAsync(v -> items(snapshot, v, spool), volume.context().blockingExecutor())
            .thenCompose(items -> volume.upload(items, force));
    CompletableFuture<Void> result = work.whenComplete((v, e) -> spool.close());
    result.whenComplete((v, e) -> spool.close());
    return result;
  }

  private static List<UploadItem> items(List<Entry> entries, int version, Spool spool) {
    List<UploadItem> items = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof FileEntry f) {
        items.add(file(f.local(), f.remote(), f.mode()));
      } else if (e instanceof BytesEntry b) {
        items.add(new UploadItem(UploadSource.of(b.data()), b.remote(), b.mode()));
      } else if (e instanceof StreamEntry st) {
        items.add(
            new UploadItem(spool.spool(st.in(), st.remote(), version), st.remote(), st.mode()));
      } else if (e instanceof DirEntry d) {
        walk(d, items);
      }
    }
    return items;
  }

  private static void walk(DirEntry d, List<UploadItem> out) {
    if (!Files.isDirectory(d.local())) {
      throw new InvalidException("localPath " + d.local() + " is not a directory");
    }
    try (Stream<Path> paths = d.recursive() ? Files.walk(d.local()) : Files.list(d.local())) {
      List<Path> files = paths.filter(Files::isRegularFile).sorted().toList();
      String base = d.remote().endsWith("/") ? d.remote() : d.remote() + "/";
      for (Path p : files) {
        String rel = d.local().relativize(p).toString().replace(java.io.File.separatorChar, '/');
        out.add(file(p, VolumePaths.normalize(base + rel), -1));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ModalException("cannot list " + d.local() + ": " + e.getMessage(), e);
    }
  }

  private static UploadItem file(Path local, String remote, int mode) {
    try {
      long size = Files.size(local);
      int bits = mode >= 0 ? mode : modeOf(local);
      return new UploadItem(UploadSource.of(local, size), remote, bits);
    } catch (IOException e) {
      throw new ModalException("cannot read " + local + ": " + e.getMessage(), e);
    }
  }

  /** The permission bits (and setuid/setgid/sticky) of a local file. */
  static int modeOf(Path local) throws IOException {
    try {
      Object mode = Files.getAttribute(local, "unix:mode");
      return ((Integer) mode) & 07777;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(local, new LinkOption[0]);
        int bits = 0;
        for (PosixFilePermission p : perms) {
          bits |= 1 << (8 - p.ordinal());
        }
        return bits;
      } catch (UnsupportedOperationException e2) {
        return DEFAULT_MODE;
      }
    }
  }
}
