package dev.mainspring.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cublas.CublasCheck;
import dev.mainspring.bindings.cuda.CudaCheck;
import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cudnn.Cudnn;
import dev.mainspring.bindings.cudnn.CudnnCheck;
import java.io.File;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks every binding against NVIDIA's installed headers: a descriptor that disagrees with the C
 * prototype crashes the JVM at the first call, so this runs before anything calls the libraries.
 * cuda.h is on every dev machine; cuBLAS and cuDNN headers only on the GPU machine, where this test
 * also checks that each library exports every bound symbol and names its own error codes. Headers are
 * searched in {@code -Dmainspring.cuda.include} (a path list), {@code $CUDA_HOME/include},
 * {@code /usr/local/cuda/include}, {@code /usr/include} and its multiarch folder.
 */
class CudaBindingsTest {

  @Test
  void driverBindingsMatchCudaH() {
    checkAgainst(BindingList.CUDA, headers(find("cuda.h")));
  }

  @Test
  void cublasBindingsMatchCublasApiH() {
    checkAgainst(BindingList.CUBLAS, headers(find("cublas_api.h"), find("library_types.h")));
  }

  @Test
  void cudnnBindingsMatchCudnnHeaders() {
    // Debian-style packages install cudnn_graph_v9.h with cudnn_graph.h as an alternatives link.
    checkAgainst(BindingList.CUDNN, headers(find("cudnn_graph.h", "cudnn_graph_v9.h"),
        find("cudnn_ops.h", "cudnn_ops_v9.h")));
  }

  @Test
  void theDriverExportsEveryBoundSymbolAndNamesItsErrors() {
    assumeTrue(CudaDriver.LIBRARY.isLoaded(), "no libcuda.so.1 here");
    assertAllSymbolsResolve(BindingList.CUDA);
    assertEquals("CUDA_ERROR_OUT_OF_MEMORY", CudaCheck.DRIVER_TEXT.name(CudaDriver.CUDA_ERROR_OUT_OF_MEMORY()));
    assertEquals("CUDA_ERROR_NO_DEVICE", CudaCheck.DRIVER_TEXT.name(CudaDriver.CUDA_ERROR_NO_DEVICE()));
  }

  @Test
  void cublasExportsEveryBoundSymbolAndNamesItsStatuses() {
    assumeTrue(Cublas.LIBRARY.isLoaded(), "no libcublas.so.13 here");
    assertAllSymbolsResolve(BindingList.CUBLAS);
    assertEquals("CUBLAS_STATUS_INVALID_VALUE",
        CublasCheck.CUBLAS_TEXT.name(Cublas.CUBLAS_STATUS_INVALID_VALUE()));
  }

  @Test
  void cudnnExportsEveryBoundSymbolAndNamesItsStatuses() {
    assumeTrue(Cudnn.LIBRARY.isLoaded(), "no libcudnn.so.9 here");
    assertAllSymbolsResolve(BindingList.CUDNN);
    String name = CudnnCheck.CUDNN_TEXT.name(Cudnn.CUDNN_STATUS_BAD_PARAM());
    assertTrue(name.contains("CUDNN_STATUS_BAD_PARAM"), name);
    long version = Cudnn.cudnnGetVersion();
    assertTrue(version >= 90000 && version < 100000, "cuDNN 9 expected, found " + version);
  }

  private static void checkAgainst(BindingList list, List<Path> headerFiles) {
    assumeTrue(!headerFiles.isEmpty(), list.name() + " headers are not installed here");
    CHeader header = CHeader.read(headerFiles);
    List<String> problems = new ArrayList<>();
    for (String fn : list.functions()) {
      Optional<CHeader.Prototype> proto = header.prototype(fn);
      if (proto.isEmpty()) {
        problems.add(fn + ": no prototype in " + headerFiles);
        continue;
      }
      FunctionDescriptor desc = descriptor(list, fn);
      List<Class<?>> expected = proto.get().parameterTypes().stream().<Class<?>>map(CHeader::carrier).toList();
      List<Class<?>> actual = desc.argumentLayouts().stream().<Class<?>>map(l -> ((ValueLayout) l).carrier()).toList();
      Class<?> expectedReturn = CHeader.carrier(proto.get().returnType());
      Class<?> actualReturn = desc.returnLayout().<Class<?>>map(l -> ((ValueLayout) l).carrier()).orElse(void.class);
      if (!expected.equals(actual) || expectedReturn != actualReturn) {
        problems.add(fn + ": header declares " + proto.get().returnType() + " " + fn + proto.get().parameterTypes()
            + ", i.e. " + names(expectedReturn, expected) + "; the binding has " + names(actualReturn, actual));
      }
    }
    for (String c : list.constants()) {
      OptionalLong value = header.constant(c);
      int bound = constant(list, c);
      if (value.isEmpty()) {
        problems.add(c + ": not defined in " + headerFiles);
      } else if (value.getAsLong() != bound) {
        problems.add(c + ": header says " + value.getAsLong() + ", binding has " + bound);
      }
    }
    assertTrue(problems.isEmpty(), "bindings disagree with " + headerFiles + ":\n" + String.join("\n", problems));
  }

  private static String names(Class<?> ret, List<Class<?>> args) {
    return ret.getSimpleName() + args.stream().map(Class::getSimpleName).toList();
  }

  private static void assertAllSymbolsResolve(BindingList list) {
    List<String> missing = new ArrayList<>();
    for (String fn : list.functions()) {
      try {
        MemorySegment address = (MemorySegment) list.headerClass().getMethod(fn + "$address").invoke(null);
        if (address.equals(MemorySegment.NULL)) {
          missing.add(fn);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    assertTrue(missing.isEmpty(), list.name() + " library does not export " + missing);
  }

  private static FunctionDescriptor descriptor(BindingList list, String fn) {
    try {
      return (FunctionDescriptor) list.headerClass().getMethod(fn + "$descriptor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static int constant(BindingList list, String name) {
    try {
      return (int) list.headerClass().getMethod(name).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** All of {@code files}, or none when one of them is missing. */
  @SafeVarargs
  private static List<Path> headers(Optional<Path>... files) {
    List<Path> all = new ArrayList<>();
    for (Optional<Path> f : files) {
      if (f.isEmpty()) {
        return List.of();
      }
      all.add(f.get());
    }
    return all;
  }

  /** The first of {@code names} found in the include folders. */
  private static Optional<Path> find(String... names) {
    for (Path dir : includeDirs()) {
      for (String name : names) {
        if (Files.isRegularFile(dir.resolve(name))) {
          return Optional.of(dir.resolve(name));
        }
      }
    }
    return Optional.empty();
  }

  private static List<Path> includeDirs() {
    Set<Path> dirs = new LinkedHashSet<>();
    String extra = System.getProperty("mainspring.cuda.include", "");
    for (String d : extra.split(File.pathSeparator)) {
      if (!d.isBlank()) {
        dirs.add(Path.of(d));
      }
    }
    String cudaHome = System.getenv("CUDA_HOME");
    if (cudaHome != null && !cudaHome.isBlank()) {
      dirs.add(Path.of(cudaHome, "include"));
    }
    for (String d : new String[] {"/usr/local/cuda/include", "/usr/local/cuda-13.0/include", "/usr/include",
        "/usr/include/x86_64-linux-gnu"}) {
      dirs.add(Path.of(d));
    }
    return List.copyOf(dirs);
  }
}
