#!/usr/bin/env bash
# Assembles what a trader copies into the MT5 data folder (File -> Open Data Folder):
#   MQL5/Experts/VProp/VPropEA.mq5, MQL5/Include/VProp/*.mqh, MQL5/Files/VProp/profiles/*.json
# usage: mt5-ea/package.sh [OUT_DIR]   (default mt5-ea/dist; libzmq.dll is not included, see docs/ea.md)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${1:-$HERE/dist}"
PROFILES="$ROOT/governors/src/main/resources/io/vprop/governors/profiles"
[ -d "$PROFILES" ] || { echo "package: firm profiles not found in $PROFILES" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/MQL5/Experts/VProp" "$OUT/MQL5/Include/VProp" "$OUT/MQL5/Files/VProp/profiles" "$OUT/MQL5/Libraries"
cp "$HERE"/MQL5/Experts/VProp/*.mq5 "$OUT/MQL5/Experts/VProp/"
cp "$HERE"/MQL5/Include/VProp/*.mqh "$OUT/MQL5/Include/VProp/"
cp "$PROFILES"/*.json "$OUT/MQL5/Files/VProp/profiles/"
echo "put libzmq.dll (64-bit) here, see docs/ea.md" > "$OUT/MQL5/Libraries/README-libzmq.txt"
echo "package: $OUT/MQL5 ready to copy into the MT5 data folder"
