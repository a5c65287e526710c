package dev.mainspring.bindings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a C header reader to check FFM descriptors against NVIDIA's real headers: finds a
 * function's first prototype (following CUDA's {@code #define cuMemAlloc cuMemAlloc_v2} renames) and
 * an enum or macro constant's value, and maps C parameter types to the Java carrier FFM passes them as.
 */
final class CHeader {
  /** A prototype as the header writes it: return type and parameter types, names dropped. */
  record Prototype(String name, String returnType, List<String> parameterTypes) {}

  private static final Pattern DEFINE_ALIAS =
      Pattern.compile("#define\\s+(\\w+)\\s+(?:__CUDA_API_PT(?:DS|SZ)\\()?(\\w+)\\)?");
  private static final Set<String> DECORATIONS = Set.of(
      "CUDAAPI", "CUBLASAPI", "CUBLASWINAPI", "CUDNNWINAPI", "CUDNN_DEPRECATED", "extern", "__CUDA_DEPRECATED");
  private static final Set<String> ENUMS = Set.of(
      "CUresult", "CUdevice_attribute", "cublasStatus_t", "cublasOperation_t", "cudaDataType", "cudaDataType_t",
      "cublasComputeType_t", "cublasGemmAlgo_t", "cublasMath_t", "cudnnStatus_t", "cudnnTensorFormat_t",
      "cudnnDataType_t", "cudnnSoftmaxAlgorithm_t", "cudnnSoftmaxMode_t", "cudnnActivationMode_t",
      "cudnnNanPropagation_t");
  private static final Set<String> OPAQUE_POINTERS = Set.of(
      "CUcontext", "CUstream", "CUevent", "CUmodule", "CUfunction", "cudaStream_t", "cublasHandle_t",
      "cudnnHandle_t", "cudnnTensorDescriptor_t", "cudnnActivationDescriptor_t");
  private static final Set<String> TYPE_WORDS = Set.of(
      "int", "char", "float", "double", "long", "short", "unsigned", "signed", "void");

  private final String text;
  private final Map<String, List<String>> aliases = new HashMap<>();

  private CHeader(String text) {
    this.text = text;
    Matcher m = DEFINE_ALIAS.matcher(text);
    while (m.find()) {
      aliases.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
    }
  }

  static CHeader read(List<Path> files) {
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      try {
        all.append(Files.readString(f)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CHeader(stripComments(all.toString()));
  }

  static String stripComments(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
  }

  /** The first declaration of {@code name}, or of a macro the header renames to it. */
  Optional<Prototype> prototype(String name) {
    List<String> candidates = new ArrayList<>();
    candidates.add(name);
    candidates.addAll(aliases.getOrDefault(name, List.of()));
    int best = Integer.MAX_VALUE;
    Prototype found = null;
    for (String candidate : candidates) {
      Matcher m = Pattern.compile("\\b" + Pattern.quote(candidate) + "\\s*\\(").matcher(text);
      while (m.find()) {
        Prototype p = declarationAt(name, m);
        if (p != null) {
          if (m.start() < best) {
            best = m.start();
            found = p;
          }
          break;
        }
      }
    }
    return Optional.ofNullable(found);
  }

  private Prototype declarationAt(String name, Matcher m) {
    int declStart = Math.max(Math.max(text.lastIndexOf(';', m.start()), text.lastIndexOf('}', m.start())),
        text.lastIndexOf('{', m.start())) + 1;
    List<String> returnWords = new ArrayList<>();
    for (String line : text.substring(declStart, m.start()).split("\n")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String w : line.replace("*", " * ").trim().split("\\s+")) {
        // All-caps words are decoration macros (CUBLASAPI, CUDNN_DEPRECATED, ...), never C types.
        if (!w.isEmpty() && !DECORATIONS.contains(w) && !w.equals("\"C\"") && !w.matches("[A-Z][A-Z0-9_]+")) {
          returnWords.add(w);
        }
      }
    }
    if (returnWords.isEmpty() || returnWords.stream().anyMatch(w -> !w.matches("\\w+|\\*"))) {
      return null; // a call, a macro body or an expression, not a declaration
    }
    int open = m.end() - 1;
    int close = text.indexOf(')', open);
    if (close < 0 || !text.substring(close + 1).stripLeading().startsWith(";")) {
      return null;
    }
    String params = text.substring(open + 1, close).replaceAll("\\s+", " ").strip();
    List<String> types = new ArrayList<>();
    if (!params.isEmpty() && !params.equals("void")) {
      for (String p : params.split(",")) {
        types.add(parameterType(p.strip()));
      }
    }
    return new Prototype(name, String.join(" ", returnWords).replace(" *", "*"), types);
  }

  /** "const int dimA[]" -> "const int[]", "unsigned int Flags" -> "unsigned int", "void **p" -> "void**". */
  private static String parameterType(String param) {
    boolean array = param.endsWith("[]");
    String p = (array ? param.substring(0, param.length() - 2) : param).replace("*", " * ").trim();
    String[] words = p.split("\\s+");
    int end = words.length;
    if (end > 1 && words[end - 1].matches("\\w+") && !TYPE_WORDS.contains(words[end - 1])) {
      end--; // drop the parameter name
    }
    String type = String.join(" ", Arrays.copyOf(words, end)).replace(" *", "*");
    return array ? type + "[]" : type;
  }

  /** The value of an enum constant or integer macro. */
  OptionalLong constant(String name) {
    Matcher e = Pattern.compile("\\b" + Pattern.quote(name) + "\\b(?:\\s+\\w+)?\\s*=\\s*(-?\\s*(?:0x[0-9a-fA-F]+|\\d+))")
        .matcher(text);
    if (e.find()) {
      return OptionalLong.of(Long.decode(e.group(1).replace(" ", "")));
    }
    Matcher d = Pattern.compile("#define\\s+" + Pattern.quote(name) + "\\s+\\(?\\s*(-?(?:0x[0-9a-fA-F]+|\\d+))[uUlL]*")
        .matcher(text);
    return d.find() ? OptionalLong.of(Long.decode(d.group(1))) : OptionalLong.empty();
  }

  /** The Java carrier FFM passes a value of C type {@code cType} as, on Linux x86-64. */
  static Class<?> carrier(String cType) {
    if (cType.contains("*") || cType.contains("[")) {
      return MemorySegment.class;
    }
    String t = cType.replaceAll("\\b(const|volatile|struct|enum)\\b", " ").trim().replaceAll("\\s+", " ");
    if (ENUMS.contains(t)) {
      return int.class;
    }
    if (OPAQUE_POINTERS.contains(t)) {
      return MemorySegment.class;
    }
    return switch (t) {
      case "int", "unsigned int", "unsigned", "CUdevice", "CUdevice_v1" -> int.class;
      case "size_t", "long long", "long long int", "unsigned long long", "int64_t", "uint64_t", "CUdeviceptr",
          "CUdeviceptr_v2" -> long.class;
      case "float" -> float.class;
      case "double" -> double.class;
      case "char", "unsigned char" -> byte.class;
      case "void" -> void.class;
      default -> throw new AssertionError("no FFM mapping known for C type '" + cType
          + "': review the binding by hand and add it to CHeader");
    };
  }
}
