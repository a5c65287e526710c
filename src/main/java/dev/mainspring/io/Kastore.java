package dev.mainspring.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * kastore, the key-array file format under tskit's {@code .trees} (kastore file version 1.0):
 *
 * <pre>
 *   header (64 bytes): magic "\211KAS\r\n\032\n", u16 version major (1), u16 minor (0),
 *                      u32 number of items, u64 file size, 40 reserved zero bytes
 *   one descriptor per item (64 bytes): u8 type, 7 reserved, u64 key start, u64 key length,
 *                      u64 array start, u64 array length (elements), 24 reserved
 *   keys, packed back to back from the end of the descriptors
 *   arrays, each starting on an 8-byte boundary (zero padding), back to back
 * </pre>
 * Items are sorted by key (bytewise, shorter first on a tie), all numbers little-endian. The
 * reader applies the same integrity checks as kastore's C library; the writer writes a temporary
 * file and renames it, so a failed write never leaves a partial file.
 */
public final class Kastore {
  static final byte[] MAGIC = {(byte) 0x89, 'K', 'A', 'S', '\r', '\n', 0x1a, '\n'};
  static final int HEADER_SIZE = 64;
  static final int DESCRIPTOR_SIZE = 64;
  static final int ALIGN = 8;
  static final int VERSION_MAJOR = 1;
  static final int VERSION_MINOR = 0;

  private Kastore() {}

  /** kastore's element types, with their codes. */
  public enum Type {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8), FLOAT32(4), FLOAT64(8);

    public final int size;

    Type(int size) {
      this.size = size;
    }

    public int code() {
      return ordinal();
    }
  }

  /** One array: its type, element count and little-endian bytes. */
  public record Item(Type type, long length, byte[] bytes) {
    public static Item ofInts(Type type, int[] values) {
      if (type.size != 4) {
        throw new IllegalArgumentException(type + " is not a 32-bit type");
      }
      ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(values);
      return new Item(type, values.length, b.array());
    }

    public static Item ofDoubles(double[] values) {
      ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asDoubleBuffer().put(values);
      return new Item(Type.FLOAT64, values.length, b.array());
    }

    public static Item ofBytes(Type type, byte[] values) {
      if (type.size != 1) {
        throw new IllegalArgumentException(type + " is not an 8-bit type");
      }
      return new Item(type, values.length, values.clone());
    }

    public static Item ofString(Type type, String s) {
      return ofBytes(type, s.getBytes(StandardCharsets.UTF_8));
    }

    private ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements as ints (8-, 16- and 32-bit types; unsigned 32-bit values must fit). */
    public int[] asInts() {
      int n = Math.toIntExact(length);
      int[] out = new int[n];
      ByteBuffer b = buffer();
      for (int i = 0; i < n; i++) {
        long v = switch (type) {
          case INT8 -> b.get(i);
          case UINT8 -> b.get(i) & 0xff;
          case INT16 -> b.getShort(2 * i);
          case UINT16 -> b.getShort(2 * i) & 0xffff;
          case INT32 -> b.getInt(4 * i);
          case UINT32 -> b.getInt(4 * i) & 0xffffffffL;
          case INT64, UINT64 -> b.getLong(8 * i);
          default -> throw new IllegalStateException(type + " is not an integer type");
        };
        if (v != (int) v) {
          throw new IllegalStateException("value " + v + " does not fit in an int");
        }
        out[i] = (int) v;
      }
      return out;
    }

    public double[] asDoubles() {
      int n = Math.toIntExact(length);
      double[] out = new double[n];
      ByteBuffer b = buffer();
      for (int i = 0; i < n; i++) {
        out[i] = switch (type) {
          case FLOAT64 -> b.getDouble(8 * i);
          case FLOAT32 -> b.getFloat(4 * i);
          default -> throw new IllegalStateException(type + " is not a floating-point type");
        };
      }
      return out;
    }

    public String asString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Bytewise key order (kastore's memcmp, then length). */
  static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  public static SortedMap<String, Item> read(Path path) throws IOException {
    byte[] file = Files.readAllBytes(path);
    try {
      return parse(file);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  static SortedMap<String, Item> parse(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (file.length < HEADER_SIZE || !Arrays.equals(Arrays.copyOf(file, 8), MAGIC)) {
      throw new IllegalArgumentException("not a kastore file (bad magic)");
    }
    int major = b.getShort(8) & 0xffff;
    if (major != VERSION_MAJOR) {
      throw new IllegalArgumentException("kastore version " + major + " is not supported (need " + VERSION_MAJOR + ")");
    }
    long items = b.getInt(12) & 0xffffffffL;
    long size = b.getLong(16);
    if (size != file.length) {
      throw new IllegalArgumentException("header says " + size + " bytes but the file has " + file.length);
    }
    if (HEADER_SIZE + items * DESCRIPTOR_SIZE > size) {
      throw new IllegalArgumentException("descriptors run past the end of the file");
    }
    SortedMap<String, Item> out = new TreeMap<>(KEY_ORDER);
    long expectKey = HEADER_SIZE + items * DESCRIPTOR_SIZE;
    long[] arrayStart = new long[(int) items];
    long[] arrayBytes = new long[(int) items];
    String previous = null;
    for (int j = 0; j < items; j++) {
      int d = HEADER_SIZE + j * DESCRIPTOR_SIZE;
      int code = file[d] & 0xff;
      if (code >= Type.values().length) {
        throw new IllegalArgumentException("unknown type code " + code);
      }
      Type type = Type.values()[code];
      long keyStart = b.getLong(d + 8);
      long keyLen = b.getLong(d + 16);
      long start = b.getLong(d + 24);
      long len = b.getLong(d + 32);
      if (keyStart != expectKey || keyStart + keyLen > size) {
        throw new IllegalArgumentException("keys are not packed after the descriptors");
      }
      expectKey += keyLen;
      if (len < 0 || start + len * type.size > size) {
        throw new IllegalArgumentException("array runs past the end of the file");
      }
      String key = new String(file, (int) keyStart, (int) keyLen, StandardCharsets.UTF_8);
      if (previous != null && KEY_ORDER.compare(previous, key) >= 0) {
        throw new IllegalArgumentException("keys are not sorted (or repeated) at '" + key + "'");
      }
      previous = key;
      arrayStart[j] = start;
      arrayBytes[j] = len * type.size;
      out.put(key, new Item(type, len, Arrays.copyOfRange(file, (int) start, (int) (start + len * type.size))));
    }
    long offset = expectKey;
    for (int j = 0; j < items; j++) {
      offset = align(offset);
      if (arrayStart[j] != offset) {
        throw new IllegalArgumentException("arrays are not 8-byte aligned and adjacent");
      }
      offset += arrayBytes[j];
    }
    return out;
  }

  /** The file image of {@code items}, laid out as kastore's C library lays it out. */
  static byte[] format(Map<String, Item> items) {
    TreeMap<String, Item> sorted = new TreeMap<>(KEY_ORDER);
    sorted.putAll(items);
    int count = sorted.size();
    byte[][] keys = new byte[count][];
    long offset = HEADER_SIZE + (long) count * DESCRIPTOR_SIZE;
    int j = 0;
    for (String k : sorted.keySet()) {
      if (k.isEmpty()) {
        throw new IllegalArgumentException("empty key");
      }
      keys[j++] = k.getBytes(StandardCharsets.UTF_8);
      offset += keys[j - 1].length;
    }
    long[] starts = new long[count];
    j = 0;
    for (Item item : sorted.values()) {
      offset = align(offset);
      starts[j++] = offset;
      offset += item.bytes().length;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(offset)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC);
    b.putShort(8, (short) VERSION_MAJOR);
    b.putShort(10, (short) VERSION_MINOR);
    b.putInt(12, count);
    b.putLong(16, offset);
    long keyStart = HEADER_SIZE + (long) count * DESCRIPTOR_SIZE;
    j = 0;
    for (Item item : sorted.values()) {
      int d = HEADER_SIZE + j * DESCRIPTOR_SIZE;
      b.put(d, (byte) item.type().code());
      b.putLong(d + 8, keyStart);
      b.putLong(d + 16, keys[j].length);
      b.putLong(d + 24, starts[j]);
      b.putLong(d + 32, item.length());
      b.put((int) keyStart, keys[j]);
      b.put((int) starts[j], item.bytes());
      keyStart += keys[j].length;
      j++;
    }
    return b.array();
  }

  /** Writes {@code items} to a temporary file beside {@code path}, then renames it into place. */
  public static void write(Path path, Map<String, Item> items) throws IOException {
    AtomicFiles.write(path, format(items));
  }

  private static long align(long offset) {
    long r = offset % ALIGN;
    return r == 0 ? offset : offset + ALIGN - r;
  }
}
