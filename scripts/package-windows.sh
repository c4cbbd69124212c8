#!/usr/bin/env bash
# Builds target/dist/synergies-windows.zip, the package the IT department hands out:
#   registre-synergies/synergies.exe        release build for x86_64-pc-windows-gnu, no DLL beside it
#   registre-synergies/content/, synergies.toml   the shipped register
#   registre-synergies/*.cmd                 the editors' double-clickable launchers (CRLF)
#   registre-synergies/LISEZMOI.html         the editors' guide (from scripts/windows/LISEZMOI.html)
#
# Needs: the Rust target (rustup target add x86_64-pc-windows-gnu), Debian's
# gcc-mingw-w64-x86-64 (linker, and C compiler for mimalloc), python3.
# Usage: bash scripts/package-windows.sh   (prints the zip's path on its last line)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=x86_64-pc-windows-gnu
DIST="$ROOT/target/dist"
FOLDER=registre-synergies
STAGE="$DIST/windows/$FOLDER"
ZIP="$DIST/synergies-windows.zip"

die() { echo "package-windows: $*" >&2; exit 1; }
command -v x86_64-w64-mingw32-gcc >/dev/null || die "x86_64-w64-mingw32-gcc missing: apt-get install gcc-mingw-w64-x86-64"
command -v python3 >/dev/null || die "python3 missing"
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx "$TARGET"; then
  die "Rust target missing: rustup target add $TARGET"
fi

# The cross toolchain: mingw links, and compiles mimalloc's C through the cc crate.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
# No build machine paths inside the exe (panic locations name `synergies/src/...`), so the
# exe, and the zip, do not depend on where the repository was checked out.
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="--remap-path-prefix=$ROOT=synergies --remap-path-prefix=$CARGO_HOME_DIR=cargo"

echo "package-windows: cargo build --release --target $TARGET"
cargo build --release --locked --target "$TARGET" --bin synergies
EXE="$ROOT/target/$TARGET/release/synergies.exe"
[ -f "$EXE" ] || die "$EXE was not built"

# Only DLLs every Windows 10 and 11 has: nothing to install beside the exe.
imports=$(x86_64-w64-mingw32-objdump -p "$EXE" | sed -n 's/^\s*DLL Name: //p' | tr '[:upper:]' '[:lower:]' | sort -u)
for dll in $imports; do
  case "$dll" in
    kernel32.dll|ntdll.dll|advapi32.dll|bcrypt.dll|bcryptprimitives.dll|ws2_32.dll|userenv.dll|\
    msvcrt.dll|shell32.dll|ole32.dll|oleaut32.dll|user32.dll|crypt32.dll|secur32.dll|iphlpapi.dll|\
    synchronization.dll|psapi.dll|api-ms-win-*.dll) ;;
    *) die "synergies.exe needs $dll, which is not a Windows system DLL (static linking failed?)" ;;
  esac
done
echo "package-windows: imports only system DLLs: $(tr '\n' ' ' <<<"$imports")"

rm -rf "$DIST/windows"
mkdir -p "$STAGE"
cp "$EXE" "$STAGE/synergies.exe"
# The register as committed (no stray local files), or as on disk outside a git checkout.
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$ROOT" ls-files -z content synergies.toml | while IFS= read -r -d '' file; do
    mkdir -p "$STAGE/$(dirname "$file")"
    cp "$ROOT/$file" "$STAGE/$file"
  done
else
  cp -r "$ROOT/content" "$ROOT/synergies.toml" "$STAGE/"
fi
# Launchers: CRLF, as cmd.exe expects (a LF-only batch file can misread labels and `goto`).
for launcher in "$ROOT"/scripts/windows/*.cmd; do
  sed 's/\r$//; s/$/\r/' "$launcher" > "$STAGE/$(basename "$launcher")"
done
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -n1)
sed "s/{{VERSION}}/$version/g" "$ROOT/scripts/windows/LISEZMOI.html" > "$STAGE/LISEZMOI.html"

# Deterministic zip: sorted names, one timestamp (the last commit's, or SOURCE_DATE_EPOCH),
# fixed permissions; names are flagged UTF-8 so Explorer shows the accents.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 1767225600)}
python3 "$ROOT/scripts/windows/zip_folder.py" "$DIST/windows" "$FOLDER" "$ZIP" "$epoch"
echo "package-windows: $(du -h "$ZIP" | cut -f1) $ZIP"
