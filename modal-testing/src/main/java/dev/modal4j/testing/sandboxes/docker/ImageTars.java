package dev.modal4j.testing.sandboxes.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tar streams of a container's tree, as the engine's archive API reads and writes them. */
final class ImageTars {
  /** Files the engine adds to every container (its init layer); they are not the image's. */
  private static final Set<String> ENGINE_FILES =
      Set.of(
          ".dockerenv",
          "etc/hosts",
          "etc/hostname",
          "etc/resolv.conf",
          "etc/mtab",
          "dev",
          "proc",
          "sys");

  private static final Set<String> ENGINE_DIRS = Set.of("dev/", "proc/", "sys/");

  private ImageTars() {}

  /** Copies the tar {@code in} to {@code out}, without the entries the engine adds. */
  static void withoutEngineEntries(InputStream in, OutputStream out) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveOutputStream copy = new TarArchiveOutputStream(out)) {
      copy.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      copy.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry entry;
      TarArchiveEntry etc = null;
      boolean etcWritten = false;
      while ((entry = tar.getNextEntry()) != null) {
        String name = relative(entry.getName());
        if (engineAdded(entry.getName())) {
          continue;
        }
        if (name.equals("etc/") || name.equals("etc")) {
          // the engine makes /etc for its files: kept only when the image has more in it
          etc = entry;
          continue;
        }
        if (name.startsWith("etc/") && etc != null && !etcWritten) {
          copy.putArchiveEntry(etc);
          copy.closeArchiveEntry();
          etcWritten = true;
        }
        copy.putArchiveEntry(entry);
        if (entry.isFile()) {
          tar.transferTo(copy);
        }
        copy.closeArchiveEntry();
      }
      copy.finish();
    }
  }

  private static String relative(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  static boolean engineAdded(String name) {
    String n = relative(name);
    String bare = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    if (ENGINE_FILES.contains(bare)) {
      return true;
    }
    for (String dir : ENGINE_DIRS) {
      if (n.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }
}
