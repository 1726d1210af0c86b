#!/usr/bin/env bash
# Mechanical MQL5 -> C++ translation of the EA's sources, so that g++ compiles the very same files against the
# runtime emulation in harness/emu. Only syntax that MQL5 and C++ spell differently is rewritten:
#   #property lines             -> dropped (terminal metadata)
#   input group "Name"          -> dropped (a heading in the terminal's Inputs tab)
#   input/sinput declarations   -> plain globals (the harness sets them before OnInit)
#   #include <A\B.mqh>          -> #include <A/B.mqh>
#   #import "x.dll" ... #import -> extern "C" { ... }, with `uchar &buf[]` passed as a pointer (VPropDllBytes)
#   T name[] / T &name[]        -> CArr<T> name / CArr<T> &name (MQL5 dynamic arrays)
# Everything else must already be valid C++; lint.sh makes sure it is also valid MQL5.
# usage: translate.sh <src-root> <dst-root>   (every *.mq5 and *.mqh under src-root)
set -euo pipefail
src=$1
dst=$2
while IFS= read -r -d '' f; do
  rel=${f#"$src"/}
  out="$dst/$rel"
  mkdir -p "$(dirname "$out")"
  sed -E \
    -e 's/^[[:space:]]*#property[[:space:]].*$/\/\/ (property)/' \
    -e 's/^[[:space:]]*input[[:space:]]+group[[:space:]]+"[^"]*"[[:space:]]*(\/\/.*)?$/\/\/ (input group)/' \
    -e 's/^([[:space:]]*)s?input[[:space:]]+/\1/' \
    -e '/^[[:space:]]*#include/ s/\\/\//g' \
    -e '/^[[:space:]]*#import[[:space:]]+"/,/^[[:space:]]*#import[[:space:]]*$/ {
          s/^[[:space:]]*#import[[:space:]]+".*$/extern "C" {/
          s/^[[:space:]]*#import[[:space:]]*$/}/
          s/(const[[:space:]]+)?uchar[[:space:]]*&[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)\[\]/VPropDllBytes \2/g
        }' \
    -e 's/\b([A-Za-z_][A-Za-z0-9_]*)[[:space:]]+(&?)[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)\[\]/CArr<\1> \2\3/g' \
    "$f" > "$out"
done < <(find "$src" \( -name '*.mq5' -o -name '*.mqh' \) -print0)
