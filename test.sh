#!/usr/bin/env bash
# Runs every FeatureSync test. Installs what the tests need from Debian when it is missing:
#   sip-tester (sipp, the real SIP peer of the interop tests), kamailio (a second real
#   registrar), chromium (browser tests; Playwright drives /usr/bin/chromium and never
#   downloads a browser), nginx (a real provisioning server; the tests start
#   /usr/sbin/nginx themselves on loopback ports, the system service is never enabled or started),
#   tshark (reads the SIP captures GET /api/lines/{n}/trace.pcap writes, as Wireshark would),
#   fonts-wqy-zenhei (a CJK font, so Chromium draws the Chinese pages and screenshots instead of boxes)
#   and iproute2 (ip and tc, for the packet-loss tests' own network namespaces).
# A test that cannot run here reports Skipped with its reason (xunit.v3); every skipped test is
# listed, one line each, before the closing line. Under CI=true a skip for anything but an
# opt-in measurement fails the run: on CI's machine every other test must really run.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Parser".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
[ -x /usr/sbin/kamailio ] || missing+=(kamailio)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
{ [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]; } || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "test.sh: the tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them as root, then run ./test.sh again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]} with ${as_root[*]:+sudo }apt-get"
  # Debian's nginx package would start (and enable) the system service; the tests run their own
  # nginx on loopback, so service starts are refused during the install and the unit disabled after.
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${as_root[@]}" chmod 755 /usr/sbin/policy-rc.d
    guard=1
  fi
  if [[ " ${missing[*]} " == *" tshark "* ]]; then
    # wireshark-common asks whether non-root users may capture; the tests only read files: no setuid dumpcap.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | "${as_root[@]}" debconf-set-selections
  fi
  installed=0
  "${as_root[@]}" apt-get update -qq &&
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    installed=$?
  if [ -n "$guard" ]; then
    "${as_root[@]}" rm -f /usr/sbin/policy-rc.d
  fi
  [ "$installed" -eq 0 ] || exit "$installed"
  if [[ " ${missing[*]} " == *" nginx "* ]] && command -v systemctl >/dev/null 2>&1; then
    "${as_root[@]}" systemctl disable nginx.service >/dev/null 2>&1 || true
  fi
fi

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT
set +e
# The TRX files carry each skipped test's reason, which the console summary does not.
dotnet test FeatureSync.sln --logger trx --results-directory "$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Every skipped test with its reason, one line each: "skipped: <test>: <reason>".
skips=$(find "$results" -name '*.trx' -exec awk '
  function text(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
    return s
  }
  /<UnitTestResult / {
    name = ""; reason = ""; skipped = ($0 ~ /outcome="NotExecuted"/); inside = 0
    if (skipped && match($0, /testName="[^"]*"/)) name = text(substr($0, RSTART + 10, RLENGTH - 11))
  }
  skipped && /<Message>/ { inside = 1 }
  skipped && inside {
    line = $0; sub(/^.*<Message>/, "", line); closed = sub(/<\/Message>.*$/, "", line)
    gsub(/^[ \t]+|[ \t\r]+$/, "", line)
    reason = reason (reason == "" ? "" : " ") line
    if (closed) inside = 0
  }
  skipped && /<\/UnitTestResult>/ {
    printf "skipped: %s: %s\n", name, (reason == "" ? "no reason given" : text(reason)); skipped = 0
  }' {} + | sort || true)
if [ -n "$skips" ]; then
  printf '%s\n' "$skips"
fi

# One closing line over all test assemblies, in the plain form CI reads. An assembly whose
# tests were all skipped closes with "Skipped!", so that form is counted too.
awk '/(Passed|Failed|Skipped)! +- +Failed:/ {
    for (n = split($0, part, ","); n > 0; n--) {
      if (match(part[n], /(Failed|Passed|Skipped): *[0-9]+/)) {
        split(substr(part[n], RSTART, RLENGTH), kv, ": *")
        count[kv[1]] += kv[2]
      }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", count["Passed"], count["Failed"], count["Skipped"] }' "$log"

if [ "${CI:-}" = "true" ] && [ "$status" -eq 0 ]; then
  not_opt_in=$(printf '%s\n' "$skips" | grep -v -e '^$' -e ': opt-in measurement: ' || true)
  if [ -n "$not_opt_in" ]; then
    echo "test.sh: under CI only opt-in measurements may be skipped; these did not run:" >&2
    printf '%s\n' "$not_opt_in" >&2
    status=1
  fi
fi
exit "$status"
