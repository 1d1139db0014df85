package dev.modal4j.internal.pickle;

import static dev.modal4j.internal.pickle.Opcodes.*;

import dev.modal4j.DeserializationException;
import dev.modal4j.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pickle that holds only plain data: None, bools, ints, floats, str, bytes, tuples, lists,
 * dicts, sets and frozensets (a bytearray reads as bytes), with the memo and framing opcodes of
 * protocols 2 to 5.
 *
 * <p>Any opcode that would look up a global, call something, build an object, use a persistent id
 * or an out-of-band buffer is refused before anything is built from it: nothing in the input is
 * ever executed or resolved. The text opcodes of protocol 0 are refused too. Every length is
 * checked against the bytes that are left, the input must end right after STOP, dict keys and set
 * elements must be hashable as in Python, and the result may not refer to itself.
 *
 * <p>Ints come back as {@code Long}, or {@code BigInteger} beyond 64 bits; floats as {@code
 * Double}; bytes as {@code byte[]}; tuples as {@link PyTuple}; lists as {@code List}; dicts as
 * insertion-ordered {@code Map}; sets as {@code Set}.
 */
final class PickleDecoder {
  private static final Object MARK_OBJ = new Object();

  private final byte[] in;
  private int pos;
  private final ArrayList<Object> stack = new ArrayList<>();
  private final ArrayList<Integer> marks = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();

  private PickleDecoder(byte[] in) {
    this.in = in;
  }

  static Object decode(byte[] data) {
    if (data == null || data.length == 0) {
      throw new DeserializationException("pickle is empty");
    }
    PickleDecoder d = new PickleDecoder(data);
    Object result;
    try {
      result = d.run();
    } catch (DeserializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DeserializationException("malformed pickle: " + e, e);
    }
    PlainDataCheck.check(result, data.length);
    return result;
  }

  private Object run() {
    if ((in[0] & 0xff) == PROTO) {
      pos = 1;
      int proto = u8();
      if (proto < 2 || proto > 5) {
        throw fail("pickle protocol " + proto + " is not supported (2 to 5 are)");
      }
    }
    while (true) {
      int at = pos;
      int op = u8();
      switch (op) {
        case STOP:
          if (stack.size() != 1 || !marks.isEmpty() || stack.get(0) == MARK_OBJ) {
            throw fail("malformed pickle: STOP with " + stack.size() + " values on the stack");
          }
          if (pos != in.length) {
            throw fail("pickle has " + (in.length - pos) + " bytes after STOP");
          }
          return stack.get(0);
        case FRAME:
          long frame = u64();
          if (frame > in.length - pos) {
            throw fail("pickle frame of " + frame + " bytes runs past the end of the input");
          }
          break;
        case MARK:
          marks.add(stack.size());
          stack.add(MARK_OBJ);
          break;
        case POP:
          if (!stack.isEmpty() && stack.get(stack.size() - 1) == MARK_OBJ) {
            popMark();
          } else {
            pop();
          }
          break;
        case POP_MARK:
          popMark();
          break;
        case DUP:
          push(top());
          break;
        case NONE:
          push(null);
          break;
        case NEWTRUE:
          push(Boolean.TRUE);
          break;
        case NEWFALSE:
          push(Boolean.FALSE);
          break;
        case BININT1:
          push((long) u8());
          break;
        case BININT2:
          push((long) (u8() | (u8() << 8)));
          break;
        case BININT:
          push((long) (int) u32());
          break;
        case LONG1:
          push(longLE(u8()));
          break;
        case LONG4:
          {
            long n = (int) u32();
            if (n < 0) {
              throw fail("malformed pickle: LONG4 with a negative length");
            }
            push(longLE(len(n)));
            break;
          }
        case BINFLOAT:
          {
            need(8);
            long bits = 0;
            for (int i = 0; i < 8; i++) {
              bits = (bits << 8) | (in[pos++] & 0xff);
            }
            push(Double.longBitsToDouble(bits));
            break;
          }
        case SHORT_BINUNICODE:
          push(str(u8()));
          break;
        case BINUNICODE:
          push(str(len(u32())));
          break;
        case BINUNICODE8:
          push(str(len(u64())));
          break;
        case SHORT_BINBYTES:
          push(bytes(u8()));
          break;
        case BINBYTES:
          push(bytes(len(u32())));
          break;
        case BINBYTES8:
        case BYTEARRAY8:
          push(bytes(len(u64())));
          break;
        case EMPTY_TUPLE:
          push(PyTuple.of());
          break;
        case TUPLE1:
          push(PyTuple.of(pop()));
          break;
        case TUPLE2:
          {
            Object b = pop();
            Object a = pop();
            push(PyTuple.of(a, b));
            break;
          }
        case TUPLE3:
          {
            Object c = pop();
            Object b = pop();
            Object a = pop();
            push(PyTuple.of(a, b, c));
            break;
          }
        case TUPLE:
          push(PyTuple.copyOf(popToMark()));
          break;
        case EMPTY_LIST:
          push(new ArrayList<>());
          break;
        case LIST:
          push(new ArrayList<>(popToMark()));
          break;
        case APPEND:
          {
            Object v = pop();
            list(top()).add(v);
            break;
          }
        case APPENDS:
          {
            List<Object> items = popToMark();
            list(top()).addAll(items);
            break;
          }
        case EMPTY_DICT:
          push(new LinkedHashMap<>());
          break;
        case DICT:
          {
            List<Object> items = popToMark();
            Map<Object, Object> m = new LinkedHashMap<>();
            putPairs(m, items);
            push(m);
            break;
          }
        case SETITEM:
          {
            Object v = pop();
            Object k = pop();
            putPairs(dict(top()), pair(k, v));
            break;
          }
        case SETITEMS:
          {
            List<Object> items = popToMark();
            putPairs(dict(top()), items);
            break;
          }
        case EMPTY_SET:
          push(new LinkedHashSet<>());
          break;
        case ADDITEMS:
          {
            List<Object> items = popToMark();
            addAll(set(top()), items);
            break;
          }
        case FROZENSET:
          {
            Set<Object> s = new LinkedHashSet<>();
            addAll(s, popToMark());
            push(Collections.unmodifiableSet(s));
            break;
          }
        case MEMOIZE:
          memo.put((long) memo.size(), top());
          break;
        case BINPUT:
          memo.put((long) u8(), top());
          break;
        case LONG_BINPUT:
          memo.put(u32(), top());
          break;
        case BINGET:
          push(memoGet(u8()));
          break;
        case LONG_BINGET:
          push(memoGet(u32()));
          break;
        case PROTO:
          throw fail("malformed pickle: PROTO at offset " + at);
        default:
          String name = refusedName(op);
          if (name != null) {
            throw fail(
                "pickle uses opcode "
                    + name
                    + " at offset "
                    + at
                    + ": only plain data (None, bool, int, float, str, bytes, tuple, list, dict, set)"
                    + " is accepted; classes, globals and calls are refused");
          }
          throw fail(String.format("malformed pickle: unknown opcode 0x%02x at offset %d", op, at));
      }
    }
  }

  private static List<Object> pair(Object k, Object v) {
    List<Object> l = new ArrayList<>(2);
    l.add(k);
    l.add(v);
    return l;
  }

  private void putPairs(Map<Object, Object> m, List<Object> items) {
    if (items.size() % 2 != 0) {
      throw fail("malformed pickle: odd number of items for a dict");
    }
    for (int i = 0; i < items.size(); i += 2) {
      Object k = items.get(i);
      requireHashable(k);
      m.put(k, items.get(i + 1));
    }
  }

  private void addAll(Set<Object> s, List<Object> items) {
    for (Object o : items) {
      requireHashable(o);
      s.add(o);
    }
  }

  private void requireHashable(Object k) {
    if (!Hashable.test(k)) {
      throw fail("malformed pickle: unhashable " + kind(k) + " used as a dict key or set element");
    }
  }

  private static String kind(Object o) {
    return o instanceof Map ? "dict" : o instanceof Set ? "set" : "list";
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object o) {
    if (o instanceof ArrayList) {
      return (List<Object>) o;
    }
    throw fail("malformed pickle: APPEND to something that is not a list");
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object o) {
    if (o instanceof LinkedHashMap) {
      return (Map<Object, Object>) o;
    }
    throw fail("malformed pickle: SETITEM on something that is not a dict");
  }

  @SuppressWarnings("unchecked")
  private Set<Object> set(Object o) {
    if (o instanceof LinkedHashSet) {
      return (Set<Object>) o;
    }
    throw fail("malformed pickle: ADDITEMS on something that is not a set");
  }

  private Object memoGet(long idx) {
    if (!memo.containsKey(idx)) {
      throw fail("malformed pickle: memo entry " + idx + " was never stored");
    }
    return memo.get(idx);
  }

  private void push(Object o) {
    stack.add(o);
  }

  private Object top() {
    if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK_OBJ) {
      throw fail("malformed pickle: stack underflow");
    }
    return stack.get(stack.size() - 1);
  }

  private Object pop() {
    Object o = top();
    stack.remove(stack.size() - 1);
    return o;
  }

  private void popMark() {
    popToMark();
  }

  private List<Object> popToMark() {
    if (marks.isEmpty()) {
      throw fail("malformed pickle: no MARK to pop to");
    }
    int m = marks.remove(marks.size() - 1);
    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
    stack.subList(m, stack.size()).clear();
    return items;
  }

  private void need(long n) {
    if (n > in.length - pos) {
      throw fail("pickle is truncated at offset " + pos);
    }
  }

  private int len(long n) {
    need(n);
    return (int) n;
  }

  private int u8() {
    need(1);
    return in[pos++] & 0xff;
  }

  private long u32() {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (in[pos++] & 0xff) << (8 * i);
    }
    return v;
  }

  private long u64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (in[pos++] & 0xff) << (8 * i);
    }
    if (v < 0) {
      throw fail("malformed pickle: length beyond 2^63");
    }
    return v;
  }

  private Object longLE(int n) {
    need(n);
    if (n == 0) {
      return 0L;
    }
    byte[] be = new byte[n];
    for (int i = 0; i < n; i++) {
      be[i] = in[pos + n - 1 - i];
    }
    pos += n;
    BigInteger b = new BigInteger(be);
    return b.bitLength() < 64 ? (Object) b.longValue() : b;
  }

  private String str(int n) {
    need(n);
    String s = Utf8.decode(in, pos, n);
    pos += n;
    return s;
  }

  private byte[] bytes(int n) {
    need(n);
    byte[] b = new byte[n];
    System.arraycopy(in, pos, b, 0, n);
    pos += n;
    return b;
  }

  private static DeserializationException fail(String message) {
    return new DeserializationException(message);
  }
}
