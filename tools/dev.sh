#!/usr/bin/env bash
# vitrine's developer entry point: one command sets up a fresh Debian 12
# machine and builds, then runs the kiosk or the tests.
#
#   bash tools/dev.sh run     packages, build, then the kiosk in a window
#                             (headless with screenshots when there is no
#                             display)
#   bash tools/dev.sh test    packages, build with -Werror, every test, the
#                             same again under ASan + UBSan, format check
#   bash tools/dev.sh build   packages and build only
#
# Packages are installed with apt-get when missing (root needed then).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

# Everything the build, the kiosk and the tests need, from Debian 12.
packages=(
  build-essential cmake pkg-config clang-format
  libsdl2-dev libsdl2-image-dev libsdl2-ttf-dev
  libqrencode-dev libcurl4-openssl-dev libsqlite3-dev libcjson-dev
  libcmocka-dev
  libjpeg62-turbo-dev libpng-dev libsodium-dev
  fonts-noto-cjk
  libegl-mesa0 libgl1-mesa-dri libgles2
)

say() { printf '\n==> %s\n' "$*"; }

install_packages() {
  local missing=()
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  say "installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "dev.sh: these packages are missing and installing them needs root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# configure_and_build DIR [cmake options...]
configure_and_build() {
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

check_format() {
  say "checking the C sources' format (clang-format --dry-run)"
  local files
  mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find app platform panorama tools tests -name '*.[ch]')
  clang-format --dry-run --Werror "${files[@]}"
  echo "format: ${#files[@]} files clean"
}

run_kiosk() {
  local shots=$top/build/screenshots
  mkdir -p "$shots"
  say "starting the kiosk on the sample content"
  exec "$top/build/bin/vitrine" --windowed 1280x720 \
    --data-dir "$top/build/data" --screenshot-dir "$shots" "$@"
}

run_tests() {
  check_format
  say "build with -Werror and run every test"
  configure_and_build build -DVITRINE_WERROR=ON
  (cd build && ctest --output-on-failure --timeout 600)
  say "build with AddressSanitizer + UBSan and run every test again"
  configure_and_build build-asan -DVITRINE_WERROR=ON -DVITRINE_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=Debug
  (cd build-asan && ctest --output-on-failure --timeout 600)
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_packages
    say "building"
    configure_and_build build
    run_kiosk "$@"
    ;;
  test)
    install_packages
    run_tests
    ;;
  build)
    install_packages
    configure_and_build build
    ;;
  *)
    echo "usage: bash tools/dev.sh run|test|build" >&2
    exit 2
    ;;
esac
