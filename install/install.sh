#!/usr/bin/env bash
# VProp bootstrap for Linux VPS (Debian/Ubuntu; other distributions: install Java 17+ first).
# Run from the unpacked distribution, as root:
#   sudo ./install.sh --profile ftmo-2step --account 5123456 --libzmq /path/to/libzmq.dll
# It (1) makes sure Java 17+ is installed, (2) copies this distribution to /opt/vprop/<version> and points
# /opt/vprop/current at it, (3) runs `vprop install` (every option is passed through; see `vprop install --help`).
# Safe to run again; an upgrade is the same command from the new distribution (docs/runbook.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"  # physical: re-runs from PREFIX/current resolve to PREFIX/<version>
PREFIX="${VPROP_PREFIX:-/opt/vprop}"

say() { printf '[vprop-install] %s\n' "$*" >&2; }
die() { printf '[vprop-install] ERROR: %s\n' "$*" >&2; exit 1; }

if [ ! -d "$HERE/lib" ] || [ ! -f "$HERE/VERSION" ]; then
  die "run this from the unpacked VProp distribution (no lib/ or VERSION beside $0; build it with mvn package)"
fi
VERSION="$(tr -d '[:space:]' < "$HERE/VERSION")"
[ -n "$VERSION" ] || die "$HERE/VERSION is empty"

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "run as root (installing a service needs it)"
  say "re-running with sudo"
  exec sudo -E bash "$HERE/install.sh" "$@"
fi

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local c
  for c in "${JAVA_HOME:-}/bin/java" "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] || continue
    if [ "$(java_major "$c")" -ge 17 ] 2>/dev/null; then printf '%s\n' "$c"; return 0; fi
  done
  return 1
}

JAVA="$(find_java || true)"
if [ -z "$JAVA" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing Java 17 (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless
  elif command -v dnf >/dev/null 2>&1; then
    say "installing Java 17 (dnf)"
    dnf install -y -q java-17-openjdk-headless
  else
    die "no Java 17+ found and no apt-get or dnf: install Java 17 or newer, then run this again"
  fi
  JAVA="$(find_java)" || die "Java was installed but no java 17+ binary was found"
fi
say "Java: $JAVA (version $(java_major "$JAVA"))"

# The distribution lives under PREFIX/<version>; PREFIX/current points at the one in use, so the service's
# unit never changes across upgrades and a rollback is one symlink away.
DEST="$PREFIX/$VERSION"
if [ "$HERE" != "$DEST" ]; then
  mkdir -p "$DEST"
  cp -R -p "$HERE/." "$DEST/"
fi
if [ "$(readlink "$PREFIX/current" 2>/dev/null || true)" != "$VERSION" ]; then
  ln -sfn "$VERSION" "$PREFIX/current"
  say "$PREFIX/current -> $VERSION"
fi

# Under sudo, HOME is root's: look for the trader's Wine prefix in the invoking user's home.
EXTRA=()
if [ -n "${SUDO_USER:-}" ] && [ -z "${WINEPREFIX:-}" ]; then
  USER_HOME="$(getent passwd "$SUDO_USER" | cut -d: -f6)"
  case " $* " in
    *" --mt5-data "*|*" --wine-prefix "*) ;;
    *) if [ -n "$USER_HOME" ] && [ -d "$USER_HOME/.wine" ]; then EXTRA+=(--wine-prefix "$USER_HOME/.wine"); fi ;;
  esac
fi

exec "$JAVA" -cp "$PREFIX/current/lib/*" io.vprop.cli.VpropCli install --app-dir "$PREFIX/current" ${EXTRA[@]+"${EXTRA[@]}"} "$@"
