package dev.modal4j.internal.pickle;

/** The pickle opcodes modal4j reads or writes, and those it refuses by name. */
final class Opcodes {
  static final int MARK = '(';
  static final int STOP = '.';
  static final int POP = '0';
  static final int POP_MARK = '1';
  static final int DUP = '2';
  static final int NONE = 'N';
  static final int BININT = 'J';
  static final int BININT1 = 'K';
  static final int BININT2 = 'M';
  static final int BINFLOAT = 'G';
  static final int BINUNICODE = 'X';
  static final int APPEND = 'a';
  static final int APPENDS = 'e';
  static final int BINGET = 'h';
  static final int LONG_BINGET = 'j';
  static final int LIST = 'l';
  static final int EMPTY_LIST = ']';
  static final int BINPUT = 'q';
  static final int LONG_BINPUT = 'r';
  static final int SETITEM = 's';
  static final int TUPLE = 't';
  static final int EMPTY_TUPLE = ')';
  static final int SETITEMS = 'u';
  static final int DICT = 'd';
  static final int EMPTY_DICT = '}';
  static final int PROTO = 0x80;
  static final int TUPLE1 = 0x85;
  static final int TUPLE2 = 0x86;
  static final int TUPLE3 = 0x87;
  static final int NEWTRUE = 0x88;
  static final int NEWFALSE = 0x89;
  static final int LONG1 = 0x8a;
  static final int LONG4 = 0x8b;
  static final int BINBYTES = 'B';
  static final int SHORT_BINBYTES = 'C';
  static final int SHORT_BINUNICODE = 0x8c;
  static final int BINUNICODE8 = 0x8d;
  static final int BINBYTES8 = 0x8e;
  static final int EMPTY_SET = 0x8f;
  static final int ADDITEMS = 0x90;
  static final int FROZENSET = 0x91;
  static final int MEMOIZE = 0x94;
  static final int FRAME = 0x95;
  static final int BYTEARRAY8 = 0x96;

  private Opcodes() {}

  /**
   * The name of an opcode that needs more than plain data (a class, a global, a call, a persistent
   * id, an out-of-band buffer) or that modal4j does not read; null for unknown bytes.
   */
  static String refusedName(int op) {
    switch (op) {
      case 'c':
        return "GLOBAL";
      case 0x93:
        return "STACK_GLOBAL";
      case 'R':
        return "REDUCE";
      case 'b':
        return "BUILD";
      case 'i':
        return "INST";
      case 'o':
        return "OBJ";
      case 0x81:
        return "NEWOBJ";
      case 0x92:
        return "NEWOBJ_EX";
      case 0x82:
        return "EXT1";
      case 0x83:
        return "EXT2";
      case 0x84:
        return "EXT4";
      case 'P':
        return "PERSID";
      case 'Q':
        return "BINPERSID";
      case 0x97:
        return "NEXT_BUFFER";
      case 0x98:
        return "READONLY_BUFFER";
      case 'I':
        return "INT";
      case 'L':
        return "LONG";
      case 'F':
        return "FLOAT";
      case 'S':
        return "STRING";
      case 'T':
        return "BINSTRING";
      case 'U':
        return "SHORT_BINSTRING";
      case 'V':
        return "UNICODE";
      case 'p':
        return "PUT";
      case 'g':
        return "GET";
      default:
        return null;
    }
  }
}
