#!/usr/bin/env bash
# Compiles every cuda/*.cu into <out>/<name>.fatbin (sm_80 + sm_90 SASS, compute_90 PTX for newer GPUs)
# and writes <out>/index.txt naming them. Rebuilds only what is older than its source or a shared header,
# so an unchanged tree costs nothing. Without nvcc it says so once and packs no kernels.
set -euo pipefail
out=${1:?usage: build-kernels.sh OUT_DIR [NVCC]}
nvcc=${2:-nvcc}
src_dir=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
if [ ! -x "$nvcc" ]; then nvcc=$(command -v nvcc || true); fi
if [ -z "$nvcc" ]; then
  echo "[mainspring] nvcc not found: building without CUDA kernels (the jar will report that none are packed)"
  rm -f "$out"/*.fatbin "$out"/index.txt
  exit 0
fi
shopt -s nullglob
sources=("$src_dir"/*.cu)
newest_header=0
for h in "$src_dir"/*.cuh "$0"; do
  t=$(stat -c %Y "$h"); [ "$t" -gt "$newest_header" ] && newest_header=$t
done
stale=()
for s in "${sources[@]}"; do
  f="$out/$(basename "${s%.cu}").fatbin"
  if [ ! -f "$f" ] || [ "$(stat -c %Y "$s")" -gt "$(stat -c %Y "$f")" ] || [ "$newest_header" -gt "$(stat -c %Y "$f")" ]; then
    stale+=("$s")
  fi
done
gencode="-gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 -gencode arch=compute_90,code=compute_90"
if [ ${#stale[@]} -gt 0 ]; then
  echo "[mainspring] nvcc: compiling ${#stale[@]} kernel file(s)"
  printf '%s\n' "${stale[@]}" | xargs -P "$(nproc)" -I{} sh -c \
    'f="$1"; n=$(basename "${f%.cu}"); "$2" -fatbin -O3 -std=c++17 -I"$3" $4 -o "$5/$n.fatbin.tmp" "$f" && mv "$5/$n.fatbin.tmp" "$5/$n.fatbin"' \
    _ {} "$nvcc" "$src_dir" "$gencode" "$out"
fi
# Drop fatbins whose source is gone, then list what is packed.
for f in "$out"/*.fatbin; do n=$(basename "${f%.fatbin}"); [ -f "$src_dir/$n.cu" ] || rm -f "$f"; done
( cd "$out" && ls *.fatbin 2>/dev/null | sed 's/\.fatbin$//' > index.txt ) || true
