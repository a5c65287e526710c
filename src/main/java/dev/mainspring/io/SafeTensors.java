package dev.mainspring.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (huggingface/safetensors), so PyTorch users can read what we write with
 * {@code safetensors.torch.load_file}: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"__metadata__": {string: string}, name: {"dtype", "shape", "data_offsets": [begin,
 * end]}}}, padded with spaces so the data starts 8-byte aligned), then the raw little-endian data,
 * tensors back to back with offsets relative to the data start.
 *
 * <p>Our writer adds two SHA-256 digests to the metadata: {@value #DATA_SHA256} of the data section
 * and {@value #HEADER_SHA256} of the tensor table and the other metadata; {@link #open} checks
 * them when present, so a flipped bit anywhere is caught. Files from elsewhere (no digests) still
 * open, with only the structural checks.
 */
public final class SafeTensors {
  public static final String DATA_SHA256 = "data_sha256";
  public static final String HEADER_SHA256 = "header_sha256";
  private static final long MAX_HEADER = 100L << 20; // the reference implementation's limit
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

  private SafeTensors() {}

  /** One tensor of the header: dtype name as in the file, shape, byte range in the data. */
  public record Entry(String name, String dtype, int[] shape, long begin, long end) {
    /** Our dtype for this entry, or null when we have none (F16, BF16, I64, …). */
    public DType ourDtype() {
      return switch (dtype) {
        case "F32" -> DType.F32;
        case "F64" -> DType.F64;
        case "I32" -> DType.I32;
        default -> null;
      };
    }
  }

  // ---- writing -------------------------------------------------------------------------------

  /**
   * Writes {@code tensors} (in map order, grouped by element size as the reference writer does)
   * and {@code metadata} to {@code file} atomically, with the two digests added to the metadata.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    for (String key : metadata.keySet()) {
      if (key.equals(DATA_SHA256) || key.equals(HEADER_SHA256)) {
        throw new IllegalArgumentException("metadata key '" + key + "' is reserved");
      }
    }
    List<Map.Entry<String, Tensor>> order = new ArrayList<>(tensors.entrySet());
    // Larger elements first keeps every tensor aligned to its element size (a stable sort).
    order.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> -e.getValue().dtype().bytes()));
    long size = 0;
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : order) {
      if (e.getKey().equals("__metadata__") || e.getKey().isEmpty()) {
        throw new IllegalArgumentException("'" + e.getKey() + "' cannot name a tensor");
      }
      Tensor t = e.getValue();
      long bytes = t.numel() * t.dtype().bytes();
      entries.add(new Entry(e.getKey(), t.dtype().name(), t.shape(), size, size + bytes));
      size += bytes;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocate(Math.max(1, size), 8).asSlice(0, size);
      for (int i = 0; i < order.size(); i++) {
        Tensor t = order.get(i).getValue();
        Entry en = entries.get(i);
        MemorySegment dst = data.asSlice(en.begin(), en.end() - en.begin());
        t.backend().download(t.storage(), t.offset(), dst, t.numel());
        toLittleEndian(dst, t.dtype());
      }
      Map<String, String> meta = new TreeMap<>(metadata);
      meta.put(DATA_SHA256, sha256(data));
      meta.put(HEADER_SHA256, headerDigest(entries, meta));
      byte[] header = headerJson(entries, meta);
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
      long total = size;
      AtomicFiles.write(file, ch -> {
        AtomicFiles.writeFully(ch, len);
        AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
        long chunk = 1L << 30;
        for (long at = 0; at < total; at += chunk) {
          AtomicFiles.writeFully(ch, data.asSlice(at, Math.min(chunk, total - at)).asByteBuffer());
        }
      });
    }
  }

  private static byte[] headerJson(List<Entry> entries, Map<String, String> meta)
      throws JsonProcessingException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("__metadata__", meta);
    for (Entry e : entries) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", e.dtype());
      info.put("shape", e.shape());
      info.put("data_offsets", new long[] {e.begin(), e.end()});
      root.put(e.name(), info);
    }
    byte[] json = JSON.writeValueAsBytes(root);
    int padded = (int) ((8 + json.length + 7) / 8 * 8 - 8);
    byte[] out = java.util.Arrays.copyOf(json, padded);
    java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Maps and validates {@code file}; every problem is an {@link InvalidFileException} naming it. */
  public static Reader open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
    }
    Arena arena = Arena.ofShared();
    try {
      MemorySegment all;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      }
      Reader r = parse(file, all, arena);
      r.verifyDigests();
      return r;
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  private static Reader parse(Path file, MemorySegment all, Arena arena) throws IOException {
    long size = all.byteSize();
    if (size < 8) {
      throw new InvalidFileException(file, "truncated: " + size + " bytes, but a safetensors file "
          + "starts with an 8-byte header length");
    }
    long n = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
    if (n < 2 || n > MAX_HEADER) {
      throw new InvalidFileException(file, "header length " + Long.toUnsignedString(n)
          + " is implausible: not a safetensors file, or its first bytes are corrupt");
    }
    if (8 + n > size) {
      throw new InvalidFileException(file, "truncated: the header needs " + n + " bytes but only "
          + (size - 8) + " follow the length field");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(all.asSlice(8, n).asByteBuffer()).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidFileException(file, "header is not valid UTF-8 (corrupt)");
    }
    if (!text.startsWith("{")) {
      throw new InvalidFileException(file, "header is not a JSON object (corrupt)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidFileException(file, "header is not valid JSON (corrupt): "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidFileException(file, "header is not a JSON object (corrupt)");
    }
    Map<String, String> meta = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (f.getKey().equals("__metadata__")) {
        if (!f.getValue().isObject()) {
          throw new InvalidFileException(file, "__metadata__ is not a string map");
        }
        for (Map.Entry<String, JsonNode> m : f.getValue().properties()) {
          if (!m.getValue().isTextual()) {
            throw new InvalidFileException(file, "metadata '" + m.getKey() + "' is not a string");
          }
          meta.put(m.getKey(), m.getValue().asText());
        }
      } else {
        entries.add(entry(file, f.getKey(), f.getValue()));
      }
    }
    long dataSize = size - 8 - n;
    entries.sort(Comparator.comparingLong(Entry::begin));
    long at = 0;
    for (Entry e : entries) {
      if (e.begin() != at) {
        throw new InvalidFileException(file, "tensor '" + e.name() + "' starts at byte "
            + e.begin() + " of the data, expected " + at + " (overlapping or gapped offsets)");
      }
      at = e.end();
    }
    if (at > dataSize) {
      throw new InvalidFileException(file, "truncated: the tensors need " + at + " bytes of data "
          + "but only " + dataSize + " are present");
    }
    if (at < dataSize) {
      throw new InvalidFileException(file, (dataSize - at) + " unexpected bytes after the last "
          + "tensor (corrupt, or two files concatenated)");
    }
    return new Reader(file, arena, all.asSlice(8 + n, dataSize), entries, meta);
  }

  private static Entry entry(Path file, String name, JsonNode info) throws IOException {
    String where = "tensor '" + name + "'";
    if (!info.isObject() || !info.path("dtype").isTextual() || !info.path("shape").isArray()
        || !info.path("data_offsets").isArray() || info.path("data_offsets").size() != 2) {
      throw new InvalidFileException(file, where + " lacks dtype, shape or data_offsets");
    }
    String dtype = info.get("dtype").asText();
    int elem = elementSize(dtype);
    if (elem == 0) {
      throw new InvalidFileException(file, where + " has unknown dtype " + dtype);
    }
    int[] shape = new int[info.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = info.get("shape").get(i);
      if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
        throw new InvalidFileException(file, where + " has a bad shape " + info.get("shape"));
      }
      shape[i] = d.asInt();
    }
    JsonNode off = info.get("data_offsets");
    if (!off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
        || off.get(0).asLong() < 0 || off.get(1).asLong() < off.get(0).asLong()) {
      throw new InvalidFileException(file, where + " has bad data_offsets " + off);
    }
    long begin = off.get(0).asLong();
    long end = off.get(1).asLong();
    if (end - begin != Shape.numel(shape) * elem) {
      throw new InvalidFileException(file, where + " of " + dtype + Shape.str(shape) + " needs "
          + Shape.numel(shape) * elem + " bytes but its offsets span " + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static int elementSize(String dtype) {
    return switch (dtype) {
      case "BOOL", "U8", "I8", "F8_E4M3", "F8_E5M2" -> 1;
      case "F16", "BF16", "I16", "U16" -> 2;
      case "F32", "I32", "U32" -> 4;
      case "F64", "I64", "U64" -> 8;
      default -> 0;
    };
  }

  /** A validated, memory-mapped safetensors file. Close it to unmap. */
  public static final class Reader implements AutoCloseable {
    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata;

    private Reader(Path file, Arena arena, MemorySegment data, List<Entry> entries,
        Map<String, String> metadata) {
      this.file = file;
      this.arena = arena;
      this.data = data;
      for (Entry e : entries) {
        this.entries.put(e.name(), e);
      }
      this.metadata = metadata;
    }

    public Path file() {
      return file;
    }

    /** Tensors in data order. */
    public Map<String, Entry> entries() {
      return java.util.Collections.unmodifiableMap(entries);
    }

    public Map<String, String> metadata() {
      return java.util.Collections.unmodifiableMap(metadata);
    }

    /** True when the file carries our digests (which {@link #open} has then checked). */
    public boolean hasDigests() {
      return metadata.containsKey(DATA_SHA256) && metadata.containsKey(HEADER_SHA256);
    }

    /** Copies tensor {@code name} into {@code dst}, which must have its dtype and shape. */
    public void readInto(String name, Tensor dst) throws IOException {
      Entry e = entries.get(name);
      if (e == null) {
        throw new InvalidFileException(file, "missing tensor '" + name + "'");
      }
      if (e.ourDtype() != dst.dtype()) {
        throw new InvalidFileException(file, "tensor '" + name + "' is " + e.dtype()
            + " in the file but " + dst.dtype() + " is expected");
      }
      if (!java.util.Arrays.equals(e.shape(), dst.shape())) {
        throw new InvalidFileException(file, "tensor '" + name + "' has shape "
            + Shape.str(e.shape()) + " in the file but " + Shape.str(dst.shape())
            + " is expected");
      }
      MemorySegment src = data.asSlice(e.begin(), e.end() - e.begin());
      if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
        MemorySegment swapped = Arena.ofAuto().allocate(src.byteSize(), 8);
        MemorySegment.copy(src, 0, swapped, 0, src.byteSize());
        toLittleEndian(swapped, dst.dtype()); // the swap is its own inverse
        src = swapped;
      }
      dst.backend().upload(src, dst.storage(), dst.offset(), dst.numel());
    }

    /** A new tensor (owned by the current scope, if any) holding tensor {@code name}. */
    public Tensor read(String name, Backend backend) throws IOException {
      Entry e = entries.get(name);
      if (e == null) {
        throw new InvalidFileException(file, "missing tensor '" + name + "'");
      }
      if (e.ourDtype() == null) {
        throw new InvalidFileException(file, "tensor '" + name + "' is " + e.dtype()
            + ", which Mainspring cannot hold");
      }
      Tensor t = Tensor.empty(backend, e.ourDtype(), e.shape());
      readInto(name, t);
      return t;
    }

    private void verifyDigests() throws IOException {
      String data256 = metadata.get(DATA_SHA256);
      String header256 = metadata.get(HEADER_SHA256);
      if (data256 == null && header256 == null) {
        return;
      }
      if (data256 == null || header256 == null) {
        throw new InvalidFileException(file, "one of the two checksums is missing (altered)");
      }
      if (!header256.equals(headerDigest(List.copyOf(entries.values()), metadata))) {
        throw new InvalidFileException(file, "header checksum mismatch: the tensor table or "
            + "metadata was altered");
      }
      if (!data256.equals(sha256(data))) {
        throw new InvalidFileException(file, "data checksum mismatch: the tensor data was altered "
            + "or damaged");
      }
    }

    @Override
    public void close() {
      arena.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** SHA-256 of the tensor table and the metadata other than the two digests, canonically. */
  static String headerDigest(List<Entry> entries, Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder();
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin));
    for (Entry e : sorted) {
      sb.append(e.name()).append('\0').append(e.dtype()).append('\0')
          .append(java.util.Arrays.toString(e.shape())).append('\0').append(e.begin()).append('\0')
          .append(e.end()).append('\n');
    }
    for (Map.Entry<String, String> m : new TreeMap<>(metadata).entrySet()) {
      if (!m.getKey().equals(DATA_SHA256) && !m.getKey().equals(HEADER_SHA256)) {
        sb.append(m.getKey()).append('\0').append(m.getValue()).append('\n');
      }
    }
    return sha256(MemorySegment.ofArray(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256(MemorySegment bytes) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
    long chunk = 1L << 30;
    for (long at = 0; at < bytes.byteSize(); at += chunk) {
      md.update(bytes.asSlice(at, Math.min(chunk, bytes.byteSize() - at)).asByteBuffer());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Reverses the bytes of each element when this machine is big-endian (a no-op on x86/ARM). */
  private static void toLittleEndian(MemorySegment seg, DType dtype) {
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      return;
    }
    int w = dtype.bytes();
    for (long i = 0; i < seg.byteSize(); i += w) {
      for (int a = 0, b = w - 1; a < b; a++, b--) {
        byte x = seg.get(BYTE, i + a);
        seg.set(BYTE, i + a, seg.get(BYTE, i + b));
        seg.set(BYTE, i + b, x);
      }
    }
  }
}
