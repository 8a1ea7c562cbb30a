#!/usr/bin/env bash
# Runs every FeatureSync test. Installs what the tests need from Debian when it is missing:
#   sip-tester (sipp, the real SIP peer of the interop tests), kamailio (a second real
#   registrar) and chromium (browser tests; Playwright drives /usr/bin/chromium and never
#   downloads a browser).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Parser".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
[ -x /usr/sbin/kamailio ] || missing+=(kamailio)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "test.sh: installing ${missing[*]} with sudo apt-get"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: the tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them as root, then run ./test.sh again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test FeatureSync.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ {
    for (n = split($0, part, ","); n > 0; n--) {
      if (match(part[n], /(Failed|Passed|Skipped): *[0-9]+/)) {
        split(substr(part[n], RSTART, RLENGTH), kv, ": *")
        count[kv[1]] += kv[2]
      }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", count["Passed"], count["Failed"], count["Skipped"] }' "$log"
exit "$status"
