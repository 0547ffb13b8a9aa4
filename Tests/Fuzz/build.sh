#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc -sanitize=fuzzer from the library sources.
# usage: Tests/Fuzz/build.sh OUTDIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/.build/fuzz}
mkdir -p "$out/ICUShim"
cat > "$out/ICUShim/module.modulemap" <<MAP
module ICUShim {
  header "$root/Sources/ICUShim/include/ICUShim.h"
  export *
}
MAP
clang -c -O1 -fsanitize=fuzzer-no-link "$root/Sources/ICUShim/ICUShim.c" -I "$root/Sources/ICUShim/include" -o "$out/ICUShim.o"
# CMemory is header-only (static inline functions).
mkdir -p "$out/CMemory"
cat > "$out/CMemory/module.modulemap" <<MAP
module CMemory {
  header "$root/Sources/CMemory/include/CMemory.h"
  export *
}
MAP
flags=(-O -sanitize=fuzzer,address -parse-as-library -package-name prensa -module-cache-path "$out/cache")
src() { find "$root/Sources/$1" -name '*.swift' | sort; }
# Each library is compiled as its own module so the targets import them as prensa does.
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name PrensaCore -I "$out/CMemory" -o "$out/libPrensaCore.a" -emit-module-path "$out/PrensaCore.swiftmodule" $(src PrensaCore)
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name PrensaText -I "$out" -I "$out/ICUShim" -I "$out/CMemory" -o "$out/libPrensaText.a" -emit-module-path "$out/PrensaText.swiftmodule" $(src PrensaText)
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Normalization -I "$out" -I "$out/ICUShim" -I "$out/CMemory" -o "$out/libNormalization.a" -emit-module-path "$out/Normalization.swiftmodule" $(src Normalization)
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Tokenization -I "$out" -I "$out/ICUShim" -I "$out/CMemory" -o "$out/libTokenization.a" -emit-module-path "$out/Tokenization.swiftmodule" $(src Tokenization)
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name EntityTagging -I "$out" -I "$out/ICUShim" -I "$out/CMemory" -o "$out/libEntityTagging.a" -emit-module-path "$out/EntityTagging.swiftmodule" $(src EntityTagging)
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name SentenceClassification -I "$out" -I "$out/ICUShim" -I "$out/CMemory" -o "$out/libSentenceClassification.a" -emit-module-path "$out/SentenceClassification.swiftmodule" $(src SentenceClassification)
libs=(-L "$out" -lSentenceClassification -lEntityTagging -lTokenization -lNormalization -lPrensaText -lPrensaCore "$out/ICUShim.o" -licuuc -licui18n)
for target in JSONL Lexicon Normalize Model Segment; do
  swiftc "${flags[@]}" -I "$out" -I "$out/ICUShim" -I "$out/CMemory" "$root/Tests/Fuzz/Fuzz$target.swift" "${libs[@]}" -o "$out/fuzz-$(echo $target | tr A-Z a-z)"
done
echo "fuzz targets in $out"
