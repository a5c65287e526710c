// Compiles the kernel sources as plain C++ for tests on machines without a GPU (see
// src/test/java/dev/mainspring/backend/cuda/HostEmulationRuntime.java). A launch plays its blocks one
// after another; inside a block every CUDA thread is a fiber (its own stack, switched by a few lines
// of x86-64 assembly), so the kernels run with the launch's real block size and their real
// block-level code: __syncthreads is a barrier, __shfl_down_sync exchanges values between the lanes
// of a warp, shared memory is shared.
//
// The emulation is stricter than a GPU where a GPU would be undefined or would hang: a barrier that
// some live thread of the block never reaches, a full-mask shuffle in a partial warp, a shuffle that
// reads a lane that is not there, more dynamic shared memory than a launch may use without opting in,
// or a write past the launch's dynamic shared bytes all fail the launch with a message. Threads run
// between barriers in forward order in even blocks and reverse order in odd ones, so code that reads
// another thread's shared value without a barrier in between sees the unwritten (poisoned) value in
// one of the two; blocks run forward in one launch and backward in the next. It checks what the
// kernels compute, not how fast.
#pragma once
#include <ffi.h>
#include <math.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <type_traits>

#define MS_HOST_EMULATION 1
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

struct ms_dim3 {
  unsigned x, y, z;
};
// Set by the scheduler before it resumes a fiber; a fiber's values never change while it lives.
static ms_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};

namespace ms_emu {

constexpr unsigned kMaxThreads = 1024;
constexpr unsigned kSharedLimit = 48 * 1024;  // dynamic shared bytes a launch gets without opting in
constexpr unsigned kCanaryBytes = 1024;
constexpr size_t kStackBytes = 256 * 1024;
constexpr size_t kPageBytes = 4096;

enum class State { kRunnable, kAtBarrier, kAtShuffle, kDone };

struct Fiber {
  void* sp;  // saved stack pointer while the fiber is switched out
  State state;
  char* stack;
  const char* barrier_file;  // where the fiber waits at __syncthreads
  int barrier_line;
};

static Fiber fibers[kMaxThreads];
static void* scheduler_sp;
static unsigned current;
static unsigned live_threads;
static char error[1024];

// Two slots per lane and a record of which lanes took part, per warp: a shuffle writes its value,
// waits for the warp, reads its source lane, and waits again before the slot can be reused.
static uint64_t shuffle_value[kMaxThreads];
static bool shuffle_present[kMaxThreads];

static ffi_cif cif;
static void (*kernel)();
static void** kernel_args;

alignas(16) static unsigned char shared_bytes_area[kSharedLimit + kCanaryBytes];

static void fail(const char* message) {
  if (error[0] == 0) snprintf(error, sizeof error, "%s", message);
}

// Switches stacks: saves the callee-saved registers, MXCSR and the x87 control word on the current
// stack, stores its pointer in *from and resumes the stack at `to`. swapcontext would do the same
// plus two signal-mask system calls per switch, which made block reductions ten times slower.
extern "C" void ms_emu_switch(void** from, void* to);
asm(R"(
  .pushsection .text
  .globl ms_emu_switch
  .hidden ms_emu_switch
  .type ms_emu_switch, @function
ms_emu_switch:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  subq $8, %rsp
  stmxcsr (%rsp)
  fnstcw 4(%rsp)
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  ldmxcsr (%rsp)
  fldcw 4(%rsp)
  addq $8, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret
  .size ms_emu_switch, .-ms_emu_switch
  .popsection
)");

static void yield(State state) {
  fibers[current].state = state;
  ms_emu_switch(&fibers[current].sp, scheduler_sp);
}

// Where a fiber starts (entered by ms_emu_switch's ret); it never returns.
static void fiber_main() {
  ffi_call(&cif, kernel, nullptr, kernel_args);
  fibers[current].state = State::kDone;
  void* unused;
  ms_emu_switch(&unused, scheduler_sp);
  __builtin_unreachable();
}

// A fresh fiber's stack as ms_emu_switch leaves one: default MXCSR and x87 control word, six zeroed
// registers, then fiber_main as the return address (entered with the stack aligned as after a call).
static void* initial_stack(char* stack) {
  uintptr_t top = ((uintptr_t)(stack + kStackBytes)) & ~(uintptr_t)15;
  uint64_t* p = (uint64_t*)top;
  *--p = 0;                        // fake return address of fiber_main
  *--p = (uint64_t)(uintptr_t)&fiber_main;
  for (int r = 0; r < 6; r++) *--p = 0;
  *--p = (uint64_t)0x1F80 | ((uint64_t)0x037F << 32);
  return p;
}

static char* stack_of(unsigned t) {
  if (fibers[t].stack == nullptr) {
    // A guard page below each stack, so an overflow faults instead of corrupting a neighbour.
    void* p = mmap(nullptr, kStackBytes + kPageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) return nullptr;
    mprotect(p, kPageBytes, PROT_NONE);
    fibers[t].stack = (char*)p + kPageBytes;
  }
  return fibers[t].stack;
}

static unsigned warp_lanes(unsigned warp) { return std::min(32u, blockDim.x - warp * 32); }

// Releases every warp whose live lanes all wait at a shuffle, and the block when every live thread
// waits at the barrier. False when nothing could be released: the block can make no progress.
static bool release() {
  bool released = false;
  const unsigned warps = (blockDim.x + 31) / 32;
  for (unsigned w = 0; w < warps; w++) {
    unsigned waiting = 0, live = 0;
    for (unsigned t = w * 32; t < w * 32 + warp_lanes(w); t++) {
      if (fibers[t].state == State::kDone) continue;
      live++;
      if (fibers[t].state == State::kAtShuffle) waiting++;
    }
    if (live > 0 && waiting == live) {
      for (unsigned t = w * 32; t < w * 32 + warp_lanes(w); t++) {
        if (fibers[t].state == State::kAtShuffle) fibers[t].state = State::kRunnable;
      }
      released = true;
    }
  }
  if (released) return true;
  unsigned at_barrier = 0, first = kMaxThreads;
  for (unsigned t = 0; t < blockDim.x; t++) {
    if (fibers[t].state != State::kAtBarrier) continue;
    at_barrier++;
    if (first == kMaxThreads) first = t;
    if (fibers[t].barrier_line != fibers[first].barrier_line || strcmp(fibers[t].barrier_file, fibers[first].barrier_file) != 0) {
      char m[512];
      snprintf(m, sizeof m, "block %u: threads wait at different __syncthreads (%s:%d for thread %u, %s:%d for thread %u)",
               blockIdx.x, fibers[first].barrier_file, fibers[first].barrier_line, first, fibers[t].barrier_file,
               fibers[t].barrier_line, t);
      fail(m);
      return false;
    }
  }
  if (at_barrier > 0 && at_barrier == live_threads) {
    for (unsigned t = 0; t < blockDim.x; t++) {
      if (fibers[t].state == State::kAtBarrier) fibers[t].state = State::kRunnable;
    }
    return true;
  }
  return false;
}

static void describe_deadlock() {
  if (error[0] != 0) return;
  unsigned at_barrier = 0, at_shuffle = 0, done = 0;
  for (unsigned t = 0; t < blockDim.x; t++) {
    at_barrier += fibers[t].state == State::kAtBarrier;
    at_shuffle += fibers[t].state == State::kAtShuffle;
    done += fibers[t].state == State::kDone;
  }
  char m[256];
  snprintf(m, sizeof m,
           "block %u of %u threads cannot go on: %u threads wait at __syncthreads, %u at a shuffle, %u have "
           "returned (a barrier or shuffle that not every thread reaches)",
           blockIdx.x, blockDim.x, at_barrier, at_shuffle, done);
  fail(m);
}

static bool run_block(unsigned block, bool reverse) {
  blockIdx.x = block;
  for (unsigned t = 0; t < blockDim.x; t++) {
    char* stack = stack_of(t);
    if (stack == nullptr) {
      fail("cannot map a fiber stack");
      return false;
    }
    fibers[t].sp = initial_stack(stack);
    fibers[t].state = State::kRunnable;
  }
  live_threads = blockDim.x;
  for (;;) {
    bool ran = false;
    for (unsigned i = 0; i < blockDim.x; i++) {
      unsigned t = reverse ? blockDim.x - 1 - i : i;
      if (fibers[t].state != State::kRunnable) continue;
      current = t;
      threadIdx.x = t;
      ms_emu_switch(&scheduler_sp, fibers[t].sp);
      if (fibers[t].state == State::kDone) live_threads--;
      if (error[0] != 0) return false;
      ran = true;
    }
    if (ran) continue;
    if (live_threads == 0) return true;
    if (!release()) {
      describe_deadlock();
      return false;
    }
  }
}

// A kernel's parameter kinds as the launcher spells them (KernelArgs.Kind): P pointer, L 64-bit
// integer, I 32-bit integer, F float, D double; '?' for anything else.
template <typename T>
constexpr char kind_code() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_pointer_v<U>) return 'P';
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 8) return 'L';
  else if constexpr (std::is_integral_v<U> && sizeof(U) == 4) return 'I';
  else if constexpr (std::is_same_v<U, float>) return 'F';
  else if constexpr (std::is_same_v<U, double>) return 'D';
  else return '?';
}

template <typename... A>
const char* signature(void (*)(A...)) {
  static const char text[] = {kind_code<A>()..., '\0'};
  return text;
}

}  // namespace ms_emu

// A macro, so the emulation knows which barrier each thread waits at: threads of a block that meet at
// different ones (a barrier in divergent code) fail the launch. Threads that have returned count as
// arrived, as on current GPUs.
inline void ms_emu_barrier(const char* file, int line) {
  ms_emu::fibers[ms_emu::current].barrier_file = file;
  ms_emu::fibers[ms_emu::current].barrier_line = line;
  ms_emu::yield(ms_emu::State::kAtBarrier);
}
#define __syncthreads() ms_emu_barrier(__FILE__, __LINE__)

// A warp's shuffle completes when all its live lanes have reached one, so only full-warp shuffles are
// supported (all of ours are). Lanes below `width` in each segment read lane + delta when it is inside their segment and keep
// their own value otherwise, as on a GPU.
template <typename T>
inline T __shfl_down_sync(unsigned mask, T v, unsigned delta, int width = 32) {
  static_assert(sizeof(T) <= sizeof(uint64_t), "shuffles move at most 8 bytes");
  const unsigned t = threadIdx.x, lane = t & 31, warp = t >> 5;
  if (mask == 0xffffffffu && ms_emu::warp_lanes(warp) < 32) {
    char m[160];
    snprintf(m, sizeof m, "full-mask shuffle in warp %u of a %u-thread block: only %u lanes exist", warp, blockDim.x,
             ms_emu::warp_lanes(warp));
    ms_emu::fail(m);
  }
  uint64_t bits = 0;
  memcpy(&bits, &v, sizeof(T));
  ms_emu::shuffle_value[t] = bits;
  ms_emu::shuffle_present[t] = true;
  ms_emu::yield(ms_emu::State::kAtShuffle);
  T result = v;
  const unsigned segment_lane = lane % (unsigned)width;
  if (segment_lane + delta < (unsigned)width) {
    const unsigned source = t + delta;
    if (source >= blockDim.x || !ms_emu::shuffle_present[source] || ((mask >> (lane + delta)) & 1u) == 0) {
      char m[160];
      snprintf(m, sizeof m, "shuffle in block %u: lane %u reads lane %u, which is not taking part", blockIdx.x, lane,
               lane + delta);
      ms_emu::fail(m);
    } else {
      memcpy(&result, &ms_emu::shuffle_value[source], sizeof(T));
    }
  }
  // Wait for every lane to have read before any lane can overwrite its slot in a later shuffle.
  ms_emu::yield(ms_emu::State::kAtShuffle);
  ms_emu::shuffle_present[t] = false;
  return result;
}

extern "C" const char* ms_emu_launch(void* fn, unsigned grid, unsigned block, unsigned shared_bytes, int nargs,
                                     const int* kinds, void** args) {
  using namespace ms_emu;
  error[0] = 0;
  if (grid == 0 || block == 0 || block > kMaxThreads) {
    snprintf(error, sizeof error, "invalid launch: grid %u, block %u (a block holds 1..%u threads)", grid, block,
             kMaxThreads);
    return error;
  }
  if (shared_bytes > kSharedLimit) {
    snprintf(error, sizeof error, "launch asks for %u B of dynamic shared memory; %u B is the limit without opting in",
             shared_bytes, kSharedLimit);
    return error;
  }
  static ffi_type* types[64];
  if (nargs > 64) {
    snprintf(error, sizeof error, "%d kernel arguments: the emulation takes at most 64", nargs);
    return error;
  }
  for (int i = 0; i < nargs; i++) {
    switch (kinds[i]) {
      case 0: types[i] = &ffi_type_sint64; break;
      case 1: types[i] = &ffi_type_sint32; break;
      case 2: types[i] = &ffi_type_float; break;
      case 3: types[i] = &ffi_type_double; break;
      default:
        snprintf(error, sizeof error, "unknown argument kind %d", kinds[i]);
        return error;
    }
  }
  if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, nargs, &ffi_type_void, types) != FFI_OK) {
    snprintf(error, sizeof error, "ffi_prep_cif failed for %d arguments", nargs);
    return error;
  }
  kernel = (void (*)())fn;
  kernel_args = args;
  gridDim.x = grid;
  blockDim.x = block;
  for (unsigned t = 0; t < block; t++) shuffle_present[t] = false;
  // Blocks run in order in one launch and in reverse order in the next, so a kernel whose blocks
  // depend on each other's writes (unordered on a GPU) gets different results from the two.
  static unsigned launches = 0;
  const bool blocks_backward = (launches++ & 1) != 0;
  for (unsigned i = 0; i < grid; i++) {
    const unsigned b = blocks_backward ? grid - 1 - i : i;
    // Unwritten shared memory reads as NaN; the canary past the launch's bytes catches overruns.
    memset(shared_bytes_area, 0xff, shared_bytes);
    memset(shared_bytes_area + shared_bytes, 0xa5, kCanaryBytes);
    if (!run_block(b, (b & 1) != 0)) return error;
    for (unsigned i = 0; i < kCanaryBytes; i++) {
      if (shared_bytes_area[shared_bytes + i] != 0xa5) {
        snprintf(error, sizeof error, "block %u wrote past its %u B of dynamic shared memory", b, shared_bytes);
        return error;
      }
    }
  }
  return nullptr;
}

// Dynamic shared memory of the block being played.
static float* const ms_emu_shared = (float*)ms_emu::shared_bytes_area;

// Atomics: fibers switch only at barriers and shuffles, so a read-modify-write is never interleaved.
inline int atomicCAS(int* a, int compare, int value) {
  int old = *a;
  if (old == compare) *a = value;
  return old;
}
inline float atomicAdd(float* a, float v) {
  float old = *a;
  *a = old + v;
  return old;
}
inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
using std::isinf;
using std::isnan;
using std::max;
using std::min;
