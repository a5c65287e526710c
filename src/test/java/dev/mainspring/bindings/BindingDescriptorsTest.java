package dev.mainspring.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cuda.CudaCheck;
import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cudnn.Cudnn;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated header classes hold what their jextract argument files list, and load without a GPU. */
class BindingDescriptorsTest {

  @Test
  void everyListedFunctionHasAHolderWhoseHandleMatchesItsDescriptor() throws Exception {
    for (BindingList list : BindingList.ALL) {
      assertTrue(list.functions().size() >= 10, list.name() + " lists its functions");
      for (String fn : list.functions()) {
        FunctionDescriptor desc = (FunctionDescriptor) list.headerClass().getMethod(fn + "$descriptor").invoke(null);
        MethodHandle handle = (MethodHandle) list.headerClass().getMethod(fn + "$handle").invoke(null);
        assertNotNull(desc, fn);
        // Holds with or without the library: an absent one gives a throwing handle of the same type.
        assertEquals(desc.toMethodType(), handle.type(), fn);
        Method wrapper = wrapper(list.headerClass(), fn);
        assertEquals(desc.toMethodType().returnType(), wrapper.getReturnType(), fn);
        assertEquals(desc.toMethodType().parameterList(), List.of(wrapper.getParameterTypes()), fn);
      }
    }
  }

  @Test
  void headerClassesBindNothingTheArgumentFilesDoNotList() {
    for (BindingList list : BindingList.ALL) {
      Set<String> bound = Arrays.stream(list.headerClass().getMethods())
          .map(Method::getName).filter(n -> n.endsWith("$descriptor"))
          .map(n -> n.substring(0, n.length() - "$descriptor".length()))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(list.functions()), bound, list.name());
    }
  }

  @Test
  void everyListedConstantHasAnIntValue() throws Exception {
    for (BindingList list : BindingList.ALL) {
      for (String c : list.constants()) {
        Method m = list.headerClass().getMethod(c);
        assertEquals(int.class, m.getReturnType(), c);
        m.invoke(null);
      }
    }
    assertEquals(2, CudaDriver.CUDA_ERROR_OUT_OF_MEMORY());
    assertEquals(-1, Cublas.CUBLAS_GEMM_DEFAULT());
    assertEquals(2000, Cudnn.CUDNN_STATUS_BAD_PARAM());
  }

  @Test
  void pointersAreAddressesAndSizesAreLongs() {
    // The mistakes that crash at run time: a CUdeviceptr or size_t passed as an int, a handle as a long.
    FunctionDescriptor alloc = CudaDriver.cuMemAlloc_v2$descriptor();
    assertEquals(List.of(ValueLayout.ADDRESS.withoutTargetLayout(), ValueLayout.JAVA_LONG),
        alloc.argumentLayouts().stream().map(l -> l instanceof java.lang.foreign.AddressLayout a
            ? a.withoutTargetLayout() : l).toList());
    assertEquals(long.class, carrier(CudaDriver.cuMemcpyHtoDAsync_v2$descriptor(), 0));
    assertEquals(MemorySegment.class, carrier(CudaDriver.cuMemcpyHtoDAsync_v2$descriptor(), 3));
    assertEquals(11, CudaDriver.cuLaunchKernel$descriptor().argumentLayouts().size());
    assertEquals(long.class, carrier(Cublas.cublasSgemmStridedBatched$descriptor(), 9));
    assertEquals(double.class, carrier(Cudnn.cudnnSetActivationDescriptor$descriptor(), 3));
  }

  @Test
  void callsWithoutTheLibraryThrowTheReasonInsteadOfCrashing() {
    assumeFalse(CudaDriver.LIBRARY.isLoaded(), "libcuda.so.1 is present here");
    NativeUnavailableException e = assertThrows(NativeUnavailableException.class, () -> CudaDriver.cuInit(0));
    assertTrue(e.getMessage().contains("libcuda.so.1"), e.getMessage());
    assertTrue(e.getMessage().contains("CUDA driver is not available"), e.getMessage());
    // The status text helpers answer "unknown" rather than throwing.
    assertNull(CudaCheck.DRIVER_TEXT.name(2));
  }

  @Test
  void cublasAndCudnnCallsWithoutTheirLibrariesThrowTheReason() {
    assumeFalse(Cublas.LIBRARY.isLoaded() && Cudnn.LIBRARY.isLoaded(), "cuBLAS and cuDNN are present here");
    if (!Cublas.LIBRARY.isLoaded()) {
      var e = assertThrows(NativeUnavailableException.class, () -> Cublas.cublasGetStatusName(0));
      assertTrue(e.getMessage().contains("libcublas.so.13"), e.getMessage());
    }
    if (!Cudnn.LIBRARY.isLoaded()) {
      var e = assertThrows(NativeUnavailableException.class, Cudnn::cudnnGetVersion);
      assertTrue(e.getMessage().contains("libcudnn.so.9"), e.getMessage());
    }
  }

  private static Class<?> carrier(FunctionDescriptor d, int arg) {
    return ((ValueLayout) d.argumentLayouts().get(arg)).carrier();
  }

  private static Method wrapper(Class<?> header, String fn) {
    return Arrays.stream(header.getMethods())
        .filter(m -> m.getName().equals(fn) && Modifier.isStatic(m.getModifiers()))
        .findFirst().orElseThrow(() -> new AssertionError("no wrapper method " + fn));
  }
}
