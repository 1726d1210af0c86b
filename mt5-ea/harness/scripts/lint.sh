#!/usr/bin/env bash
# Rejects what MQL5 does not have, so that the g++ emulation cannot hide invalid MQL5 in the EA's sources.
# Comments and string literals are blanked first (awk), then every rule is a regular expression over the code.
# usage: lint.sh FILE...   -> one line per finding "file:line: rule: code", exit 1 if any
set -euo pipefail

rules=(
  'std-namespace|std::'
  'auto|\bauto\b'
  'nullptr|\bnullptr\b'
  'arrow|->'
  'lambda|\[[[:space:]]*[&=]|\[\][[:space:]]*\('
  'exceptions|\b(try|catch|throw|noexcept)\b'
  'cxx-keyword|\b(namespace|using|constexpr|decltype|static_assert|mutable|friend|goto|typename|volatile)\b'
  'cxx-cast|\b(static_cast|reinterpret_cast|const_cast|dynamic_cast)\b'
  'cxx-type|\b(unsigned|signed|size_t|int8_t|int16_t|int32_t|int64_t|uint8_t|uint16_t|uint32_t|uint64_t|wchar_t)\b|\blong[[:space:]]+long\b'
  'primitive-pointer|\b(int|uint|long|ulong|short|ushort|char|uchar|double|float|bool|string|void|datetime)[[:space:]]*\*[[:space:]]*[A-Za-z_(]'
  'array-reference|\([[:space:]]*&[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\)[[:space:]]*\['
  'rvalue-reference|\b(int|uint|long|ulong|short|ushort|char|uchar|double|float|bool|string|datetime|C[A-Z][A-Za-z0-9_]*|VP[A-Z][a-z][A-Za-z0-9_]*|Mql[A-Z][A-Za-z]*)[[:space:]]*&&'
  'cxx-header|^[[:space:]]*#include[[:space:]]*[<"][^>"]*[>"]'
  'c-library|\b(printf|sprintf|snprintf|fprintf|malloc|calloc|realloc|free|memcpy|strlen|cout|cerr)[[:space:]]*(\(|<<)'
  'multiple-inheritance|\b(class|struct)[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]*:[^{;]*,'
  'pragma|^[[:space:]]*#pragma'
  'this-pointer|\bthis\b'
  'c-format-long|%ll|%l[du]|%z[du]'
  'scoped-enum|\benum[[:space:]]+(class|struct)\b'
  'enum-base|\benum[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]*:'
)

# blank // and /* */ comments and "..." / '...' literals, keeping line numbers; keep format strings for c-format-long
strip() {
  awk '
    BEGIN { inblock = 0 }
    {
      line = $0; out = ""; i = 1; n = length(line)
      while (i <= n) {
        c = substr(line, i, 1); c2 = substr(line, i, 2)
        if (inblock) { if (c2 == "*/") { inblock = 0; i += 2 } else i++; continue }
        if (c2 == "/*") { inblock = 1; i += 2; continue }
        if (c2 == "//") break
        if (c == "\"" || c == "\x27") {
          q = c; out = out q; i++
          while (i <= n) {
            d = substr(line, i, 1)
            if (d == "\\") { i += 2; continue }
            if (d == q) break
            if (keep) out = out d
            i++
          }
          out = out q; i++; continue
        }
        out = out c; i++
      }
      print out
    }' keep="$2" "$1"
}

# MQL5 has no default member initialisers: `int m_x = 0;` at the top level of a class or struct body.
member_initializers() {
  awk '
    {
      line = $0
      if (classdepth > 0 && depth == classdepth &&
          line ~ /^[ \t]*(static[ \t]+|const[ \t]+)*[A-Za-z_][A-Za-z0-9_]*[ \t]+[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?[ \t]*=[^=]/)
        print NR ":" line
      if (line ~ /^[ \t]*(class|struct)[ \t]+[A-Za-z_]/) pending = 1
      n = length(line)
      for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "{") {
          depth++
          if (pending) { stack[++sp] = depth; classdepth = depth; pending = 0 }
        } else if (c == "}") {
          if (sp > 0 && depth == stack[sp]) { sp--; classdepth = sp > 0 ? stack[sp] : 0 }
          depth--
        } else if (c == ";" && pending) pending = 0
      }
    }'
}

# Every enumerator gets an explicit value (project rule: values are what the wire tables, persisted state and the
# emulation agree on, so they never shift when a member is added). Prints "line:enum body member" per finding.
enum_values() {
  awk '
    function check(body, at,   n, k, parts, t) {
      n = split(body, parts, ",")
      for (k = 1; k <= n; k++) {
        t = parts[k]
        gsub(/^[ \t]+|[ \t]+$/, "", t)
        if (t != "" && t !~ /^[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*[^ \t]/)
          print at ":enum member without an explicit value: " t
      }
    }
    {
      line = $0
      if (!inenum && !pending && line ~ /(^|[^A-Za-z0-9_])enum[ \t]+[A-Za-z_]/) { pending = 1; start = NR; body = "" }
      if (!pending && !inenum) next
      n = length(line)
      for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (pending && c == ";") { pending = 0; break }
        if (pending && c == "{") { pending = 0; inenum = 1; continue }
        if (inenum && c == "}") { inenum = 0; check(body, start); body = ""; continue }
        if (inenum) body = body c
      }
      if (inenum) body = body " "
    }'
}

# MQL5 structs take no constructor arguments here (classes may): `struct S { S(int x) ... }` is refused.
struct_constructors() {
  awk '
    {
      line = $0
      if (sdepth > 0 && depth == sdepth && match(line, "^[ \t]*" sname "[ \t]*[(]")) {
        args = substr(line, RSTART + RLENGTH)
        sub(/[)].*/, "", args)
        gsub(/[ \t]/, "", args)
        if (args != "" && args != "void")
          print NR ":" line
      }
      if (line ~ /^[ \t]*struct[ \t]+[A-Za-z_]/) {
        name = line
        sub(/^[ \t]*struct[ \t]+/, "", name)
        match(name, /^[A-Za-z_][A-Za-z0-9_]*/)
        pending = substr(name, 1, RLENGTH)
      }
      n = length(line)
      for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "{") {
          depth++
          if (pending != "") { sdepth = depth; sname = pending; pending = "" }
        } else if (c == "}") {
          if (depth == sdepth) sdepth = 0
          depth--
        } else if (c == ";" && pending != "") pending = ""
      }
    }'
}

findings=0
for f in "$@"; do
  code=$(strip "$f" 0)
  fmts=$(strip "$f" 1)
  for r in "${rules[@]}"; do
    name=${r%%|*}
    re=${r#*|}
    text=$code
    [[ $name == c-format-long || $name == cxx-header ]] && text=$fmts
    while IFS= read -r hit; do
      # only .mqh files may be included: C and C++ headers do not exist in MQL5
      [[ $name == cxx-header && $hit =~ \.mqh[\>\"] ]] && continue
      [[ -z $hit ]] && continue
      echo "$f:${hit%%:*}: $name: ${hit#*:}"
      findings=$((findings + 1))
    done < <(grep -nE -- "$re" <<<"$text" || true)
  done
  while IFS= read -r hit; do
    [[ -z $hit ]] && continue
    echo "$f:${hit%%:*}: member-initializer: ${hit#*:}"
    findings=$((findings + 1))
  done < <(member_initializers <<<"$code")
  while IFS= read -r hit; do
    [[ -z $hit ]] && continue
    echo "$f:${hit%%:*}: enum-implicit-value: ${hit#*:}"
    findings=$((findings + 1))
  done < <(enum_values <<<"$code")
  while IFS= read -r hit; do
    [[ -z $hit ]] && continue
    echo "$f:${hit%%:*}: struct-constructor-arguments: ${hit#*:}"
    findings=$((findings + 1))
  done < <(struct_constructors <<<"$code")
done
if ((findings > 0)); then
  echo "lint: $findings finding(s): not valid MQL5" >&2
  exit 1
fi
