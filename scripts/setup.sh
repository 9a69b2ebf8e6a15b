#!/usr/bin/env bash
# Sets up a checkout on Debian 12 (as root, or with sudo): the Debian packages the project uses,
# the npm packages, the build (TypeScript, the web page) and the libtorch addon.
#   libtorch-dev, libopenblas0-pthread, g++, make, python3: the tensor engine's addon (node-gyp)
#     and the BLAS libtorch's matrix products use (30x the reference BLAS here)
#   chromium: the web page's end-to-end tests (playwright-core drives Debian's chromium)
#   ffmpeg: reading and writing video
#   redis-server: the job queue of a cluster (inpaint serve/worker/run --queue); the tests start
#     their own instances on free ports
# Node 20+ and npm are assumed. Safe to run again: what is installed is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages="libtorch-dev libopenblas0-pthread g++ make python3 chromium ffmpeg redis-server"
# shellcheck disable=SC2086
if ! dpkg -s $packages >/dev/null 2>&1; then
  as_root=""
  if [ "$(id -u)" != 0 ]; then as_root="sudo"; fi
  echo "== apt-get install $packages"
  $as_root apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -q --no-install-recommends $packages
fi

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== native addon (npm run build:native)"
native_log=$(mktemp)
if ! npm run build:native >"$native_log" 2>&1; then cat "$native_log"; exit 1; fi
rm -f "$native_log"

echo "== build (npm run build)"
npm run build >/dev/null
echo "set up: node $(node --version), libtorch $(dpkg-query -W -f='${Version}' libtorch-dev), $(node -p "'sharp ' + require('sharp').versions.sharp")"
