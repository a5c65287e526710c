package dev.mainspring.bindings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one jextract argument file (bindings/jextract/*.args, packed as a test resource) says is bound. */
record BindingList(String name, Class<?> headerClass, List<String> functions, List<String> constants,
    List<String> headers) {

  static final BindingList CUDA = read("cuda", dev.mainspring.bindings.cuda.CudaDriver.class);
  static final BindingList CUBLAS = read("cublas", dev.mainspring.bindings.cublas.Cublas.class);
  static final BindingList CUDNN = read("cudnn", dev.mainspring.bindings.cudnn.Cudnn.class);
  static final List<BindingList> ALL = List.of(CUDA, CUBLAS, CUDNN);

  static BindingList read(String name, Class<?> headerClass) {
    try (InputStream in = BindingList.class.getResourceAsStream("/jextract/" + name + ".args")) {
      if (in == null) {
        throw new IllegalStateException("jextract/" + name + ".args is not on the test class path");
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty()).toList();
      return new BindingList(name, headerClass,
          values(lines, "--include-function "), values(lines, "--include-constant "),
          lines.stream().filter(l -> !l.startsWith("-")).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> values(List<String> lines, String option) {
    return lines.stream().filter(l -> l.startsWith(option)).map(l -> l.substring(option.length()).strip()).toList();
  }
}
