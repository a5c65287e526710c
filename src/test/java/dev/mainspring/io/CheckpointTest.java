package dev.mainspring.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private final Map<String, Tensor> params = new LinkedHashMap<>();
  private final Map<String, Tensor> first = new LinkedHashMap<>();
  private final Map<String, Tensor> second = new LinkedHashMap<>();
  private final byte[] rng = new byte[37];
  private static final String CONFIG = "{\"preset\":\"small\",\"lr\":0.0003,\"seed\":7}";

  @BeforeEach
  void makeState() {
    Random r = new Random(5);
    float[] odd = {Float.intBitsToFloat(0x7fc01234), -0.0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY,
      Float.MAX_VALUE, 1e-40f};
    params.put("encoder.0.weight", f32(r, 3, 4));
    params.put("encoder.0.bias", Tensor.of(Backends.cpu(), odd, 6));
    params.put("head.weight", f32(r, 4, 2));
    first.put("encoder.0.weight", f32(r, 3, 4));
    second.put("encoder.0.weight", f32(r, 3, 4));
    first.put("head.weight", f32(r, 4, 2));
    second.put("head.weight", f32(r, 4, 2));
    r.nextBytes(rng);
  }

  @AfterEach
  void release() {
    for (Map<String, Tensor> m : List.of(params, first, second)) {
      m.values().forEach(Tensor::release);
    }
  }

  private static Tensor f32(Random r, int... shape) {
    float[] v = new float[shape[0] * shape[1]];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return Tensor.of(Backends.cpu(), v, shape);
  }

  private Path save() throws IOException {
    Path f = dir.resolve("run").resolve("step-7.safetensors");
    Checkpoint.save(f, params, first, second, 7, rng, CONFIG);
    return f;
  }

  private Map<String, Tensor> like(Map<String, Tensor> src) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    src.forEach((k, v) -> out.put(k, Tensor.zeros(Backends.cpu(), v.dtype(), v.shape())));
    return out;
  }

  private static void assertBitsEqual(Tensor want, Tensor got, String what) {
    float[] a = want.toFloatArray();
    float[] b = got.toFloatArray();
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), what + "[" + i + "]");
    }
  }

  @Test
  void roundTripIsBitExact() throws IOException {
    Path f = save();
    Map<String, Tensor> model = like(params);
    try (Checkpoint ck = Checkpoint.load(f, model)) {
      ck.copyParametersInto(model);
      for (String name : params.keySet()) {
        assertBitsEqual(params.get(name), model.get(name), name);
      }
      assertEquals(first.keySet(), ck.firstMoments().keySet());
      for (String name : first.keySet()) {
        assertBitsEqual(first.get(name), ck.firstMoments().get(name), "m " + name);
        assertBitsEqual(second.get(name), ck.secondMoments().get(name), "v " + name);
      }
      assertEquals(7, ck.step());
      assertArrayEquals(rng, ck.rngState());
      assertEquals(CONFIG, ck.config());
    }
    // Writing the same state again gives the same bytes (no timestamps, stable order).
    byte[] once = Files.readAllBytes(f);
    save();
    assertArrayEquals(once, Files.readAllBytes(f));
    model.values().forEach(Tensor::release);
  }

  @Test
  void headerLayoutIsSafetensors() throws Exception {
    Path f = save();
    byte[] bytes = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{"));
    JsonNode root = new ObjectMapper().readTree(header);
    JsonNode meta = root.get("__metadata__");
    assertEquals("mainspring-checkpoint", meta.get("format").asText());
    assertEquals("7", meta.get("step").asText());
    assertEquals(CONFIG, meta.get("config").asText());
    meta.properties().forEach(e -> assertTrue(e.getValue().isTextual(), e.getKey()));
    int dataStart = (int) (8 + n);
    long end = 0;
    int tensors = 0;
    for (var e : root.properties()) {
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      tensors++;
      JsonNode t = e.getValue();
      assertEquals("F32", t.get("dtype").asText());
      long b = t.get("data_offsets").get(0).asLong();
      long en = t.get("data_offsets").get(1).asLong();
      int numel = 1;
      for (JsonNode d : t.get("shape")) {
        numel *= d.asInt();
      }
      assertEquals(4L * numel, en - b, e.getKey());
      end = Math.max(end, en);
      Tensor original = params.containsKey(e.getKey()) ? params.get(e.getKey())
          : e.getKey().startsWith("optim.m.") ? first.get(e.getKey().substring(8))
          : second.get(e.getKey().substring(8));
      float[] want = original.toFloatArray();
      ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) b, (int) (en - b))
          .order(ByteOrder.LITTLE_ENDIAN);
      for (float w : want) {
        assertEquals(Float.floatToRawIntBits(w), data.getInt(), e.getKey());
      }
    }
    assertEquals(3 + 2 + 2, tensors);
    assertTrue(root.has("optim.m.head.weight") && root.has("optim.v.encoder.0.weight"));
    assertEquals(bytes.length, dataStart + end, "tensors cover the data exactly");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Arrays.copyOfRange(bytes, dataStart, bytes.length)));
    assertEquals(sha, meta.get("data_sha256").asText());
  }

  private static InvalidFileException refused(Path f, Map<String, Tensor> model) {
    InvalidFileException e = assertThrows(InvalidFileException.class,
        () -> Checkpoint.load(f, model).close());
    assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
    return e;
  }

  @Test
  void truncatedFilesAreRefused() throws IOException {
    Path f = save();
    byte[] bytes = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Map<String, Tensor> model = like(params);
    for (long len : new long[] {0, 5, 8 + n / 2, 8 + n + 10, bytes.length - 1}) {
      Path cut = dir.resolve("cut-" + len + ".safetensors");
      Files.write(cut, Arrays.copyOf(bytes, (int) len));
      InvalidFileException e = refused(cut, model);
      assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
    }
    model.values().forEach(Tensor::release);
  }

  @Test
  void alteredBytesAreRefused() throws IOException {
    Path f = save();
    byte[] bytes = Files.readAllBytes(f);
    Map<String, Tensor> model = like(params);
    // one bit in the middle of the data
    byte[] data = bytes.clone();
    data[data.length - 30] ^= 0x04;
    Path d = dir.resolve("data.safetensors");
    Files.write(d, data);
    assertTrue(refused(d, model).getMessage().contains("data checksum mismatch"));
    // the step in the header: 7 → 8 keeps the JSON valid but breaks the header checksum
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("\"step\":\"7\"");
    assertTrue(at > 0);
    byte[] header = bytes.clone();
    header[at + 8] = '8';
    Path h = dir.resolve("header.safetensors");
    Files.write(h, header);
    assertTrue(refused(h, model).getMessage().contains("header checksum mismatch"));
    // the length field
    byte[] len = bytes.clone();
    len[6] = 0x40;
    Path l = dir.resolve("length.safetensors");
    Files.write(l, len);
    assertTrue(refused(l, model).getMessage().contains("implausible"));
    model.values().forEach(Tensor::release);
  }

  @Test
  void checkpointsThatDoNotFitTheModelAreRefused() throws IOException {
    Path f = save();
    Map<String, Tensor> wrongShape = like(params);
    wrongShape.put("head.weight", Tensor.zeros(Backends.cpu(), DType.F32, 2, 4));
    String msg = refused(f, wrongShape).getMessage();
    assertTrue(msg.contains("'head.weight' has shape [4, 2] but the model expects [2, 4]"), msg);

    Map<String, Tensor> extra = like(params);
    extra.put("decoder.weight", Tensor.zeros(Backends.cpu(), DType.F32, 2));
    msg = refused(f, extra).getMessage();
    assertTrue(msg.contains("missing parameter 'decoder.weight'"), msg);

    Map<String, Tensor> fewer = like(params);
    fewer.remove("encoder.0.bias").release();
    msg = refused(f, fewer).getMessage();
    assertTrue(msg.contains("unexpected tensor 'encoder.0.bias'"), msg);

    Map<String, Tensor> wrongType = like(params);
    wrongType.put("encoder.0.bias", Tensor.zeros(Backends.cpu(), DType.F64, 6));
    msg = refused(f, wrongType).getMessage();
    assertTrue(msg.contains("'encoder.0.bias' is F32 but the model has F64"), msg);
    for (Map<String, Tensor> m : List.of(wrongShape, extra, fewer, wrongType)) {
      m.values().forEach(Tensor::release);
    }
  }

  @Test
  void writesAtomicallyLeavingNoTemporaryFiles() throws IOException {
    Path f = save();
    Files.writeString(dir.resolve("run").resolve("other.txt"), "keep");
    save(); // over an existing file
    try (Stream<Path> files = Files.list(f.getParent())) {
      assertEquals(List.of("other.txt", "step-7.safetensors"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.save(dir.resolve("bad.safetensors"), params, first, second, 1, rng, "{no"));
    assertTrue(Files.notExists(dir.resolve("bad.safetensors")));
  }
}
