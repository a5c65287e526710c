package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.io.InvalidFileException;
import dev.mainspring.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  @Test
  void roundTripGivesTheSameConfigAndEveryParameter() throws IOException {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel saved = new MainspringModel(c, 7);
    ModelStore.save(dir, saved);
    MainspringModel loaded = ModelStore.load(dir);
    try {
      assertEquals(c, loaded.config());
      Map<String, Parameter> a = saved.namedParameters();
      Map<String, Parameter> b = loaded.namedParameters();
      assertEquals(a.keySet(), b.keySet());
      for (String name : a.keySet()) {
        assertArrayEquals(a.get(name).value().toFloatArray(), b.get(name).value().toFloatArray(), name);
      }
      // A model built with another seed differs wherever it has parameters: loading really overwrote them.
      MainspringModel other = new MainspringModel(c, 8);
      for (String name : a.keySet()) {
        float[] x = other.namedParameters().get(name).value().toFloatArray();
        float[] y = b.get(name).value().toFloatArray();
        if (x.length > 4 && !java.util.Arrays.equals(x, y)) {
          return;
        }
      }
      assertTrue(a.isEmpty(), "some parameter should differ between seeds");
    } finally {
      saved.release();
      loaded.release();
    }
  }

  @Test
  void mixedOrDamagedDirectoriesAreRefused() throws IOException {
    MainspringModel m = new MainspringModel(ModelConfig.preset("smoke"), 1);
    ModelStore.save(dir, m);
    m.release();
    Path json = dir.resolve(ModelStore.CONFIG_FILE);
    String text = Files.readString(json);
    Files.writeString(json, text.replace("\"width\" : 16", "\"width\" : 24"));
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("different configuration") || e.getMessage().contains("shape"),
        e.getMessage());
    Files.writeString(json, text.replace("mainspring-model", "something-else"));
    e = assertThrows(InvalidFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("not a Mainspring model file"), e.getMessage());
    Files.writeString(json, "{not json");
    e = assertThrows(InvalidFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    Files.delete(dir.resolve(ModelStore.WEIGHTS_FILE));
    Files.writeString(json, text);
    e = assertThrows(InvalidFileException.class, () -> ModelStore.load(dir));
    assertTrue(e.getMessage().contains("model.safetensors is missing"), e.getMessage());
  }
}
