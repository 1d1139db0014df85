package dev.modal4j.internal.pickle;

import static dev.modal4j.internal.pickle.Opcodes.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.InvalidException;
import dev.modal4j.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Java values as protocol 4 pickles, opcode for opcode as CPython 3 pickles the same plain
 * data (so a dict key pickled here matches the key pickled by Python).
 *
 * <p>null, Boolean, whole numbers (BigInteger of any size), Float/Double, String/Character, byte[],
 * {@link PyTuple}, Set, List (and other collections and Object[]), Map. Anything else (records,
 * POJOs, primitive arrays) is first turned into plain data by Jackson.
 */
final class PickleEncoder {
  static final int MAX_DEPTH = 1000;
  private static final int BATCH = 1000;

  private final ObjectMapper mapper;
  private final String parameter;
  private final PickleWriter out = new PickleWriter();

  private PickleEncoder(ObjectMapper mapper, String parameter) {
    this.mapper = mapper;
    this.parameter = parameter;
  }

  static byte[] encode(Object value, ObjectMapper mapper, String parameter) {
    PickleEncoder e = new PickleEncoder(mapper, parameter);
    e.out.op(PROTO, 4);
    e.out.startFraming();
    e.save(value, 0, true);
    e.out.op(STOP);
    return e.out.toByteArray();
  }

  private void save(Object v, int depth, boolean allowConvert) {
    if (depth > MAX_DEPTH) {
      throw new InvalidException(
          parameter + " is nested more than " + MAX_DEPTH + " deep (or refers to itself)");
    }
    out.boundary();
    if (v == null) {
      out.op(NONE);
    } else if (v instanceof Boolean) {
      out.op((Boolean) v ? NEWTRUE : NEWFALSE);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      saveLong(((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      saveBig((BigInteger) v);
    } else if (v instanceof Double || v instanceof Float) {
      out.float64BE(BINFLOAT, ((Number) v).doubleValue());
    } else if (v instanceof String || v instanceof Character) {
      saveStr(v.toString());
    } else if (v instanceof byte[]) {
      saveBytes((byte[]) v);
    } else if (v instanceof PyTuple) {
      saveTuple((PyTuple) v, depth);
    } else if (v instanceof Set) {
      saveSet((Set<?>) v, depth);
    } else if (v instanceof Collection) {
      saveList((Collection<?>) v, depth);
    } else if (v instanceof Object[]) {
      saveList(asList((Object[]) v), depth);
    } else if (v instanceof Map) {
      saveDict((Map<?, ?>) v, depth);
    } else if (allowConvert) {
      Object plain;
      try {
        plain = mapper.convertValue(v, Object.class);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        throw new InvalidException(
            parameter
                + " of type "
                + v.getClass().getName()
                + " cannot be pickled: "
                + e.getMessage(),
            e);
      }
      save(plain, depth, false);
    } else {
      throw new InvalidException(
          parameter + " holds a " + v.getClass().getName() + ", which has no Python equivalent");
    }
  }

  private static List<Object> asList(Object[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (Object o : a) {
      l.add(o);
    }
    return l;
  }

  private void saveLong(long x) {
    if (x >= 0 && x <= 0xff) {
      out.op(BININT1, (int) x);
    } else if (x >= 0 && x <= 0xffff) {
      out.op(BININT2, (int) (x & 0xff));
      out.bytes(new byte[] {(byte) (x >>> 8)});
    } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
      out.int32LE(BININT, (int) x);
    } else {
      saveBig(BigInteger.valueOf(x));
    }
  }

  private void saveBig(BigInteger x) {
    if (x.bitLength() < 32) {
      saveLong(x.longValue());
      return;
    }
    byte[] be = x.toByteArray(); // minimal two's complement, big-endian
    byte[] le = new byte[be.length];
    for (int i = 0; i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (le.length < 256) {
      out.op(LONG1, le.length);
    } else {
      out.int32LE(LONG4, le.length);
    }
    out.bytes(le);
  }

  private void saveStr(String s) {
    byte[] utf8 = Utf8.encode(s, parameter);
    if (utf8.length < 256) {
      out.payload(new byte[] {(byte) SHORT_BINUNICODE, (byte) utf8.length}, utf8);
    } else {
      out.payload(header32(BINUNICODE, utf8.length), utf8);
    }
    out.op(MEMOIZE);
  }

  private void saveBytes(byte[] b) {
    if (b.length < 256) {
      out.payload(new byte[] {(byte) SHORT_BINBYTES, (byte) b.length}, b);
    } else {
      out.payload(header32(BINBYTES, b.length), b);
    }
    out.op(MEMOIZE);
  }

  private static byte[] header32(int op, int n) {
    return new byte[] {(byte) op, (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
  }

  private void saveTuple(PyTuple t, int depth) {
    int n = t.size();
    if (n == 0) {
      out.op(EMPTY_TUPLE);
      return;
    }
    if (n <= 3) {
      for (Object o : t) {
        save(o, depth + 1, true);
      }
      out.op(n == 1 ? TUPLE1 : n == 2 ? TUPLE2 : TUPLE3);
    } else {
      out.op(MARK);
      for (Object o : t) {
        save(o, depth + 1, true);
      }
      out.op(TUPLE);
    }
    out.op(MEMOIZE);
  }

  private void saveList(Collection<?> c, int depth) {
    out.op(EMPTY_LIST);
    out.op(MEMOIZE);
    int n = c.size();
    if (n == 0) {
      return;
    }
    Iterator<?> it = c.iterator();
    if (n == 1) {
      save(it.next(), depth + 1, true);
      out.op(APPEND);
      return;
    }
    while (it.hasNext()) {
      out.op(MARK);
      for (int i = 0; i < BATCH && it.hasNext(); i++) {
        save(it.next(), depth + 1, true);
      }
      out.op(APPENDS);
    }
  }

  private void saveDict(Map<?, ?> m, int depth) {
    out.op(EMPTY_DICT);
    out.op(MEMOIZE);
    int n = m.size();
    if (n == 0) {
      return;
    }
    Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
    if (n == 1) {
      Map.Entry<?, ?> e = it.next();
      saveKey(e.getKey(), depth);
      save(e.getValue(), depth + 1, true);
      out.op(SETITEM);
      return;
    }
    int i;
    do {
      out.op(MARK);
      for (i = 0; i < BATCH && it.hasNext(); i++) {
        Map.Entry<?, ?> e = it.next();
        saveKey(e.getKey(), depth);
        save(e.getValue(), depth + 1, true);
      }
      out.op(SETITEMS);
    } while (i == BATCH);
  }

  private void saveSet(Set<?> s, int depth) {
    out.op(EMPTY_SET);
    out.op(MEMOIZE);
    if (s.isEmpty()) {
      return;
    }
    Iterator<?> it = s.iterator();
    int i;
    do {
      out.op(MARK);
      for (i = 0; i < BATCH && it.hasNext(); i++) {
        saveKey(it.next(), depth);
      }
      out.op(ADDITEMS);
    } while (i == BATCH);
  }

  private void saveKey(Object k, int depth) {
    if (!Hashable.test(k)) {
      throw new InvalidException(
          parameter
              + " has a dict key or set element of type "
              + k.getClass().getName()
              + ", which Python cannot hash (lists, dicts and sets cannot be keys)");
    }
    save(k, depth + 1, true);
  }
}
