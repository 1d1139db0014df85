package dev.modal4j;

import dev.modal4j.internal.Args;
import java.util.Locale;
import java.util.Objects;

/**
 * A GPU request: a GPU type as Modal names it and how many of that GPU each container gets.
 *
 * <p>Strings follow Modal's rule, {@code TYPE} or {@code TYPE:COUNT}, case-insensitive:
 *
 * <pre>{@code
 * Gpu.parse("a100-80gb:2");          // A100-80GB, 2 GPUs
 * Gpu.A100_80GB.count(2);            // the same
 * Gpu.parse("A100-80G");             // accepted as A100-80GB, 1 GPU
 * }</pre>
 *
 * <p>The type is not checked against a list: Modal adds GPU types over time and refuses unknown
 * ones itself. The constants below are the types Modal documents.
 */
public final class Gpu {
  /** Any available GPU type. */
  public static final Gpu ANY = new Gpu("ANY", 1);

  /** NVIDIA T4. */
  public static final Gpu T4 = new Gpu("T4", 1);

  /** NVIDIA L4. */
  public static final Gpu L4 = new Gpu("L4", 1);

  /** NVIDIA A10. */
  public static final Gpu A10 = new Gpu("A10", 1);

  /** NVIDIA A10G. */
  public static final Gpu A10G = new Gpu("A10G", 1);

  /** NVIDIA L40S. */
  public static final Gpu L40S = new Gpu("L40S", 1);

  /** NVIDIA A100 (Modal gives the 40 GB variant for this name). */
  public static final Gpu A100 = new Gpu("A100", 1);

  /** NVIDIA A100, 40 GB. */
  public static final Gpu A100_40GB = new Gpu("A100-40GB", 1);

  /** NVIDIA A100, 80 GB. */
  public static final Gpu A100_80GB = new Gpu("A100-80GB", 1);

  /** NVIDIA RTX PRO 6000. */
  public static final Gpu RTX_PRO_6000 = new Gpu("RTX-PRO-6000", 1);

  /** NVIDIA H100. */
  public static final Gpu H100 = new Gpu("H100", 1);

  /** NVIDIA H200. */
  public static final Gpu H200 = new Gpu("H200", 1);

  /** NVIDIA B200. */
  public static final Gpu B200 = new Gpu("B200", 1);

  private static final String A100_80GB_ALIAS = "A100-80G";

  private final String type;
  private final int count;

  private Gpu(String type, int count) {
    this.type = type;
    this.count = count;
  }

  /**
   * Parses {@code TYPE} or {@code TYPE:COUNT}, case-insensitive; surrounding blanks are ignored.
   *
   * @throws InvalidException if the type is empty or contains blanks, or the count is not a
   *     positive integer
   */
  public static Gpu parse(String spec) {
    Args.notNull(spec, "spec");
    String s = spec.strip();
    int colon = s.indexOf(':');
    String typePart = colon < 0 ? s : s.substring(0, colon);
    int count = colon < 0 ? 1 : parseCount(s.substring(colon + 1), spec);
    return of(typePart, count);
  }

  /**
   * A GPU of the given type (case-insensitive; {@code A100-80G} means {@code A100-80GB}).
   *
   * @throws InvalidException if the type is empty or contains blanks or a colon, or count &lt; 1
   */
  public static Gpu of(String type, int count) {
    Args.notNull(type, "type");
    if (type.isBlank()) {
      throw new InvalidException("Invalid GPU '" + type + "': the GPU type must not be empty");
    }
    if (type.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':')) {
      throw new InvalidException(
          "Invalid GPU type '" + type + "': it must not contain blanks or ':'");
    }
    if (count < 1) {
      throw new InvalidException(
          "Invalid GPU count: " + count + ". Value must be a positive integer.");
    }
    String upper = type.toUpperCase(Locale.ROOT);
    return new Gpu(upper.equals(A100_80GB_ALIAS) ? A100_80GB.type : upper, count);
  }

  private static int parseCount(String countPart, String spec) {
    boolean digits = !countPart.isEmpty() && countPart.chars().allMatch(c -> c >= '0' && c <= '9');
    long n = 0;
    if (digits && countPart.length() <= 10) {
      n = Long.parseLong(countPart);
    }
    if (!digits || n < 1 || n > Integer.MAX_VALUE) {
      throw new InvalidException(
          "Invalid GPU count: '"
              + countPart
              + "' in '"
              + spec
              + "'. Value must be a positive integer.");
    }
    return (int) n;
  }

  /** The same GPU type with {@code count} GPUs per container. */
  public Gpu count(int count) {
    return of(type, count);
  }

  /** The GPU type, upper-case, as sent to Modal (e.g. {@code "A100-80GB"}). */
  public String type() {
    return type;
  }

  /** How many GPUs of this type each container gets (at least 1). */
  public int count() {
    return count;
  }

  /** {@code TYPE:COUNT}, e.g. {@code "A100-80GB:2"}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return type + ":" + count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gpu && ((Gpu) o).type.equals(type) && ((Gpu) o).count == count;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, count);
  }
}
