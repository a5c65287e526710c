#!/usr/bin/env bash
# Builds .gpu/, everything the GPU machine (no Java, no Maven, no internet) needs to run
# scripts/gpu-check.sh: a trimmed JDK 25 runtime, the jar, the compiled tests, the JUnit console
# launcher and any test-only dependency jars. Carry it with the device tool's run: carry [".gpu"].
#   scripts/pack-gpu.sh            build (the JRE only if .gpu/jre is missing)
#   scripts/pack-gpu.sh --fresh    rebuild the JRE too
#   PACK_GPU_JMH=1 scripts/pack-gpu.sh   also .gpu/benchmarks.jar (JMH, ~1.5 MiB: it links to the
#                                        mainspring.jar beside it rather than copying the main classes)
#                                        for gpu-check.sh's GPU_CHECK_JMH=1 step
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
shared=${MAINSPRING_SHARED:-/work/shared}
limit_mib=64
g=.gpu

if [ "${1:-}" = "--fresh" ] || [ ! -x "$g/jre/bin/java" ]; then
  echo "[pack-gpu] trimmed JRE -> $g/jre"
  # jdk.management: the bench commands read com.sun.management (picocli loads every subcommand, so
  # without it even `info` fails).
  bash "$shared/gpu/pack-jre.sh" "$g/jre" jdk.management
fi

echo "[pack-gpu] mvn package (jar, fatbins, test classes)"
mvn -q -B package -DskipTests

# The console launcher's platform version goes with the Jupiter version in the pom: 5.x.y <-> 1.x.y.
jupiter=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
platform="1.${jupiter#5.}"
rm -rf "$g/lib" "$g/test-classes" "$g/mainspring.jar" "$g/benchmarks.jar"
mkdir -p "$g/lib/test"
echo "[pack-gpu] junit-platform-console-standalone $platform"
mvn -q -B dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform" \
  -DoutputDirectory="$g/lib" -Dmdep.stripVersion=true

# Test-only jars: the standalone launcher already has JUnit, the shaded jar has the runtime deps.
mvn -q -B dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$g/lib/test" \
  -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian
mvn -q -B dependency:list -DincludeScope=runtime -DoutputFile=target/runtime-deps.txt
grep -E '^\s+[^ ]+:[^ ]+:jar:' target/runtime-deps.txt | awk '{print $1}' |
  while IFS=: read -r _ artifact _ version _; do
    rm -f "$g/lib/test/$artifact-$version.jar"
  done

cp target/mainspring.jar "$g/mainspring.jar"
cp -r target/test-classes "$g/test-classes"
if [ "${PACK_GPU_JMH:-0}" = "1" ]; then
  echo "[pack-gpu] JMH benchmarks.jar (links to the mainspring.jar beside it)"
  mvn -q -B -f benchmarks/pom.xml package
  cp benchmarks/target/benchmarks.jar "$g/benchmarks.jar"
fi

tree_kib=$(git ls-files -z | xargs -0 du -ck 2>/dev/null | tail -1 | cut -f1)
gpu_kib=$(du -sk "$g" | cut -f1)
total_mib=$(( (tree_kib + gpu_kib) / 1024 ))
kib() { du -sk "$1" | cut -f1; }
echo "[pack-gpu] $g: $((gpu_kib / 1024)) MiB (jre $(kib "$g/jre") KiB, jar $(kib "$g/mainspring.jar") KiB," \
  "launcher $(kib "$g/lib") KiB, tests $(kib "$g/test-classes") KiB$([ -f "$g/benchmarks.jar" ] &&
  echo ", jmh $(kib "$g/benchmarks.jar") KiB")); with the tree: $total_mib MiB ($((tree_kib + gpu_kib)) KiB)"
if [ "$total_mib" -ge "$limit_mib" ]; then
  echo "[pack-gpu] too big: the device tool carries at most $limit_mib MiB" >&2
  exit 1
fi
echo "[pack-gpu] ready: run scripts/gpu-check.sh on the GPU machine with carry [\"$g\"]"
