#!/usr/bin/env bash
# The prepared GPU check. Runs from the repository root on the GPU machine, with .gpu/ carried
# (built here by scripts/pack-gpu.sh); also runs on a machine without a GPU, where GPU tests skip.
#   1. machine facts and `java -jar mainspring.jar info`
#   2. every test class named Cuda*, each in its own JVM, CudaBindingsTest first: a descriptor that
#      disagrees with the headers would crash a JVM, and one crash must not hide the other results
#   3. the whole suite in one JVM, only with GPU_CHECK_SUITE=1 (tests run with -Dmainspring.device=cpu,
#      so beyond the Cuda* classes it repeats what CI checks)
#   4. `bench kernels` and, when python3 has torch, benchmarks/torch_kernels.py joined to it
#      (skip with GPU_CHECK_BENCH=0, extra arguments in GPU_CHECK_BENCH_ARGS); JSON lines in
#      $OUT/bench-*.jsonl
#   5. `bench infer` at base (batch 64) and a 40-step `train --preset small --device cuda`
#      (skip with GPU_CHECK_MODEL=0; GPU_CHECK_INFER_ARGS / GPU_CHECK_TRAIN_ARGS replace their options)
#   6. last, only with GPU_CHECK_JMH=1 and .gpu/benchmarks.jar (PACK_GPU_JMH=1 scripts/pack-gpu.sh): a
#      short JMH run of the fused attention kernels on cuda (GPU_CHECK_JMH_ARGS replaces the selection);
#      JMH's text in $OUT/jmh.txt, its JSON in $OUT/jmh.json. Without a GPU it fails at setup, at once.
# Logs and any JVM crash report (hs_err) go to $OUT; a summary goes to stdout. (The trimmed JRE has no
# java.xml, so the launcher writes no XML reports.)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}
g=.gpu
# Time limits in seconds: per test class, for the whole suite, and for everything (so that a hang
# cannot eat the GPU session: runs that would start past the budget are skipped and say so).
class_timeout=${GPU_CHECK_CLASS_TIMEOUT:-150}
suite_timeout=${GPU_CHECK_SUITE_TIMEOUT:-240}
budget=${GPU_CHECK_BUDGET:-480}

if [ ! -x "$g/jre/bin/java" ] && [ -f "$g/jre/bin/java" ]; then
  chmod +x "$g"/jre/bin/* "$g"/jre/lib/jspawnhelper 2>/dev/null
fi
java="$g/jre/bin/java"
if [ ! -x "$java" ] || [ ! -f "$g/mainspring.jar" ]; then
  echo "gpu-check: $g is missing or incomplete; build it with scripts/pack-gpu.sh and carry it" >&2
  exit 2
fi
launcher="$g/lib/junit-platform-console-standalone.jar"
cp="$g/test-classes:$g/mainspring.jar"
for j in "$g"/lib/test/*.jar; do [ -f "$j" ] && cp="$cp:$j"; done

# Header folders for CudaBindingsTest: the system's cuDNN headers before any pip wheel's copy.
include=$(timeout 60 find /usr/local/cuda/include /usr/include /usr/local/lib /usr/lib /opt -maxdepth 8 \
  \( -name cublas_api.h -o -name 'cudnn_graph*.h' -o -name 'cudnn_ops*.h' \) 2>/dev/null \
  | xargs -r -n1 dirname | awk '{ p = ($0 ~ /^\/usr\/(local\/cuda\/)?include/) ? 0 : 1; print p "\t" $0 }' \
  | sort -u | cut -f2 | awk '!seen[$0]++' | paste -sd:)
flags=(--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xss8m -XX:+UseParallelGC
  "-XX:ErrorFile=$OUT/hs_err_%p.txt" "-Dmainspring.cuda.include=$include" -Dmainspring.device=cpu)

{
  echo "== $(date -u +%FT%TZ) $(uname -srm)"
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv 2>&1 || echo "(no nvidia-smi)"
  echo "header folders: ${include:-none found}"
  ls -l /usr/local/cuda/lib64/libcublas.so* 2>&1 | head -3
  ldconfig -p 2>/dev/null | grep -E 'libcuda\.so|libcudnn\.so|libcublas\.so' | head -5
} > "$OUT/machine.txt" 2>&1

timeout 60 "$java" -jar "$g/mainspring.jar" info > "$OUT/info.txt" 2>&1
echo "info exit code: $?" >> "$OUT/info.txt"
echo "=== machine"; cat "$OUT/machine.txt"
echo "=== info"; cat "$OUT/info.txt"
echo "=== results (logs in $OUT)"

# Cuda* classes, known-safe order first, then any others found.
found=$(cd "$g/test-classes" && find . -name 'Cuda*.class' ! -name '*$*' | sed 's|^\./||; s|\.class$||; s|/|.|g' | sort)
ordered=""
for c in dev.mainspring.bindings.CudaBindingsTest dev.mainspring.backend.cuda.CudaProbeTest \
    dev.mainspring.backend.cuda.CudaSmokeTest dev.mainspring.backend.cuda.CudaDeviceAllocatorTest; do
  grep -qx "$c" <<< "$found" && ordered="$ordered $c"
done
for c in $found; do
  case " $ordered " in *" $c "*) ;; *) ordered="$ordered $c" ;; esac
done

summary="$OUT/summary.txt"
: > "$summary"
status=0
run_tests() { # name timeout selector...
  local name=$1 limit=$2
  shift 2
  local left=$((budget - SECONDS))
  if [ "$left" -lt 20 ]; then
    echo "$name: not run, the ${budget}s budget is spent" | tee -a "$summary"
    status=1
    return
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  local started=$SECONDS
  timeout "$limit" "$java" "${flags[@]}" -jar "$launcher" execute --disable-banner --disable-ansi-colors --details=tree \
    --class-path "$cp" "$@" > "$OUT/$name.log" 2>&1
  local rc=$?
  local counts
  # JUnit calls a test stopped by an assumption (no GPU) "aborted"; counted here as skipped.
  counts=$(awk '/tests successful/ {ok = $2} /tests failed/ {f = $2} /tests aborted/ {a = $2}
    /tests skipped/ {s = $2} END {if (ok != "") printf "%d passed, %d failed, %d skipped", ok, f, a + s}' \
    "$OUT/$name.log")
  echo "$name: exit $rc after $((SECONDS - started))s; ${counts:-no summary (crashed or timed out?)}" \
    | tee -a "$summary"
  [ "$rc" -ne 0 ] && status=1
}
for c in $ordered; do
  run_tests "${c##*.}" "$class_timeout" --select-class "$c"
done
if [ "${GPU_CHECK_SUITE:-0}" = "1" ]; then
  run_tests whole-suite "$suite_timeout" --scan-classpath "$g/test-classes"
fi

if [ "${GPU_CHECK_BENCH:-1}" != "0" ]; then
  left=$((budget - SECONDS))
  if [ "$left" -lt 60 ]; then
    echo "bench: not run, the ${budget}s budget is spent" | tee -a "$summary"
  else
    timeout "$((left - 10))" "$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
      -XX:+UseParallelGC "-XX:ErrorFile=$OUT/hs_err_%p.txt" -jar "$g/mainspring.jar" bench kernels ${GPU_CHECK_BENCH_ARGS:-} \
      > "$OUT/bench-kernels.jsonl" 2> "$OUT/bench-kernels.err"
    echo "bench kernels: exit $? ($(grep -c '^{' "$OUT/bench-kernels.jsonl") records)" | tee -a "$summary"
    left=$((budget - SECONDS))
    if [ "$left" -gt 30 ] && python3 -c 'import torch' 2>/dev/null; then
      timeout "$((left - 5))" python3 benchmarks/torch_kernels.py --join "$OUT/bench-kernels.jsonl" \
        > "$OUT/bench-torch.jsonl" 2> "$OUT/bench-torch.err"
      echo "bench torch: exit $? ($(grep -c '^{' "$OUT/bench-torch.jsonl") records)" | tee -a "$summary"
    fi
    echo "=== bench"
    cat "$OUT/bench-kernels.jsonl" "$OUT/bench-torch.jsonl" 2>/dev/null | grep -E '"backend": ?"cuda"|kernels-vs-torch' | head -40
  fi
fi

# 5. The model on the GPU through the commands users run: inference throughput at base (issue 8's bar:
#    100 datasets/s) against batch 1 in the same run, then a short training run of the small preset.
java_run=("$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseParallelGC
  "-XX:ErrorFile=$OUT/hs_err_%p.txt" -jar "$g/mainspring.jar")
if [ "${GPU_CHECK_MODEL:-1}" != "0" ]; then
  left=$((budget - SECONDS))
  if [ "$left" -lt 60 ]; then
    echo "bench infer / train: not run, the ${budget}s budget is spent" | tee -a "$summary"
  else
    timeout "$(( left / 2 ))" "${java_run[@]}" bench infer ${GPU_CHECK_INFER_ARGS:---preset base --batch 64 --datasets 256} \
      > "$OUT/bench-infer.jsonl" 2> "$OUT/bench-infer.err"
    echo "bench infer: exit $? ($(grep -c '^{' "$OUT/bench-infer.jsonl") records)" | tee -a "$summary"
    cat "$OUT/bench-infer.jsonl"
    left=$((budget - SECONDS))
    if [ "$left" -gt 40 ]; then
      timeout "$((left - 10))" "${java_run[@]}" train ${GPU_CHECK_TRAIN_ARGS:---preset small --device cuda --steps 40 --validate-every 20} \
        --no-progress --no-plots --out "$OUT/train-gpu" > "$OUT/train-gpu.out" 2> "$OUT/train-gpu.err"
      echo "train ${GPU_CHECK_TRAIN_ARGS:---preset small --device cuda --steps 40 --validate-every 20}: exit $?" \
        | tee -a "$summary"
      tail -15 "$OUT/train-gpu.err"
    fi
  fi
fi

# 6. JMH on cuda (about 50 s: 4 benchmarks × 5 iterations of 2 s, one fork). -foe: a failed setup (no
#    GPU) ends the run with an error instead of JMH going on to the next benchmark.
if [ "${GPU_CHECK_JMH:-0}" = "1" ]; then
  left=$((budget - SECONDS))
  if [ ! -f "$g/benchmarks.jar" ]; then
    echo "jmh: not run, $g/benchmarks.jar is missing (build it with PACK_GPU_JMH=1 scripts/pack-gpu.sh)" \
      | tee -a "$summary"
    status=1
  elif [ "$left" -lt 90 ]; then
    echo "jmh: not run, the ${budget}s budget is spent" | tee -a "$summary"
  else
    # -jvmArgsAppend replaces the benches' own fork options, so it repeats them.
    timeout "$((left - 5))" "$java" -jar "$g/benchmarks.jar" \
      ${GPU_CHECK_JMH_ARGS:-Attention -p backend=cuda -p impl=fused -f 1 -wi 2 -i 3} -foe true \
      -jvmArgsAppend "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:ErrorFile=$OUT/hs_err_%p.txt" \
      -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1
    rc=$?
    echo "jmh ${GPU_CHECK_JMH_ARGS:-Attention -p backend=cuda -p impl=fused -f 1 -wi 2 -i 3}: exit $rc" | tee -a "$summary"
    [ "$rc" -ne 0 ] && status=1
    echo "=== jmh"
    if [ "$rc" -eq 0 ]; then
      sed -n '/^Benchmark .*Units$/,$p' "$OUT/jmh.txt"
    else
      grep -m2 -E '^(java\.|ERROR|Caused by)[^ ]*[:]' "$OUT/jmh.txt" || tail -5 "$OUT/jmh.txt"
    fi
  fi
fi

for log in "$OUT"/*.log; do
  if grep -q 'Failures (' "$log"; then
    echo "=== failures in $(basename "$log")"
    sed -n '/Failures (/,/Test run finished/p' "$log" | head -120
  elif ! grep -q 'tests successful' "$log"; then
    echo "=== $(basename "$log") has no summary (JVM crash or timeout?); its tail:"
    tail -40 "$log"
  fi
done
for crash in "$OUT"/hs_err_*.txt; do
  [ -f "$crash" ] || continue
  echo "=== JVM crash: $(basename "$crash")"
  grep -m1 -A1 '^# Problematic frame' "$crash"
  sed -n '/^Java frames/,/^$/p' "$crash" | head -25
done
exit $status
