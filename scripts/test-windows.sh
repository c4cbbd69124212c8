#!/usr/bin/env bash
# Windows smoke test: builds the package (scripts/package-windows.sh), unzips it into a folder
# whose path has spaces and accents, and runs synergies.exe and the launchers under Wine,
# headless (no display, nothing pops up). Compares with the Linux build of the same register.
#
# Needs: what package-windows.sh needs, plus wine (Debian's wine64 + wine), curl.
# Options through the environment: SYNERGIES_LINUX_BIN, the Linux binary to compare with
# (default: target/release/synergies, built when missing).
# Prints one line per check and closes with `windows: N passed, N failed`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Wine turns arguments and file names into UTF-16 through the Unix locale: UTF-8 here.
export LC_ALL=C.UTF-8

die() { echo "test-windows: $*" >&2; exit 1; }
WINE=$(command -v wine || true)
[ -n "$WINE" ] || die "wine missing: apt-get install wine64 wine"
command -v curl >/dev/null || die "curl missing"

bash scripts/package-windows.sh
ZIP="$ROOT/target/dist/synergies-windows.zip"

LINUX_BIN=${SYNERGIES_LINUX_BIN:-$ROOT/target/release/synergies}
if [ ! -x "$LINUX_BIN" ]; then
  cargo build --release --locked --bin synergies
fi

T=$(mktemp -d)
export WINEPREFIX="$T/prefix" WINEDEBUG=-all
# No Mono or Gecko installer prompts, no desktop menu entries written into $HOME.
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
# The launchers do not open a browser under test.
export SYNERGIES_SANS_NAVIGATEUR=1

# The PIDs of the Windows processes of this test's own Wine prefix whose command line holds $1.
own_processes() {
  local dir
  for dir in /proc/[0-9]*; do
    if grep -qzxF "WINEPREFIX=$WINEPREFIX" "$dir/environ" 2>/dev/null \
      && tr '\0' ' ' 2>/dev/null <"$dir/cmdline" | grep -qF "$1"; then
      echo "${dir#/proc/}"
    fi
  done
}
cleanup() {
  "$(dirname "$WINE")/wineserver" -k >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT

echo "test-windows: Wine prefix in $T"
"$WINE" wineboot --init >/dev/null 2>&1 || true

# Wine-only stand-in for bcryptprimitives.dll (see scripts/wine-shim/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -o "$T/bcryptprimitives.dll" \
  scripts/wine-shim/bcryptprimitives.c scripts/wine-shim/bcryptprimitives.def -ladvapi32

# unpack DIR: the package unzipped in DIR (as Explorer would: UTF-8 names), shim beside the exe;
# prints the register folder.
unpack() {
  mkdir -p "$1"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$ZIP" "$1"
  cp "$T/bcryptprimitives.dll" "$1/registre-synergies/"
  echo "$1/registre-synergies"
}

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   - $1"; }
ko() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  shift
  local line
  for line in "$@"; do echo "       $line"; done
}
# expect NAME FILE TEXT...: each TEXT is a line of FILE (CRLF or LF).
missing_lines() {
  local file=$1 line
  shift
  for line in "$@"; do
    tr -d '\r' < "$file" | grep -qxF -- "$line" || echo "missing line: $line"
  done
}

PKG=$(unpack "$T/Équipe RH/Registre été")
cd "$PKG"

# --- The package's content ------------------------------------------------------------------
problems=()
for f in synergies.exe synergies.toml LISEZMOI.html content/grh/_index.md \
  "Vérifier les fiches.cmd" "Publier le site.cmd" "Aperçu en direct.cmd" "Nouvelle fiche.cmd"; do
  [ -f "$f" ] || problems+=("missing from the zip: $f")
done
if python3 -c 'import sys, zipfile; sys.exit(any(n.lower().endswith(".dll") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$ZIP"; then :; else
  problems+=("the zip holds a DLL (the Wine shim must never ship)")
fi
for f in *.cmd; do
  # Every line ends with CRLF, and nothing precedes `@echo off` (no BOM).
  if [ "$(head -c 9 "$f")" != "@echo off" ] || grep -q $'[^\r]$' "$f" || grep -qx '' "$f"; then
    problems+=("$f: not CRLF, or does not start with @echo off")
  fi
done
# Deterministic: the same folder zips to the same bytes.
python3 "$ROOT/scripts/windows/zip_folder.py" "$ROOT/target/dist/windows" registre-synergies "$T/again.zip" \
  "${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
cmp -s "$ZIP" "$T/again.zip" || problems+=("zipping the same folder again gave other bytes")
if [ ${#problems[@]} -eq 0 ]; then
  ok "the zip holds synergies.exe, the register, 4 CRLF launchers and LISEZMOI.html, no DLL; it is reproducible"
else
  ko "the package's content" "${problems[@]}"
fi

# --- build: byte-identical to the Linux build ------------------------------------------------
"$LINUX_BIN" build --root "$PKG" --output "$T/linux-public" >"$T/linux-build.out" 2>/dev/null \
  || die "the Linux build of the shipped register failed"
# What the build says after the folder, e.g. "35 fiches, 11 domaines, 80 fichiers.".
summary=$(sed -n 's/^Site publié dans .* : \(.*fichiers\.\)$/\1/p' "$T/linux-build.out")
[ -n "$summary" ] || die "the Linux build said: $(cat "$T/linux-build.out")"
# A Unix path as Wine shows it: drive Z: is /. (`winepath -w` stops at 260 characters.)
windows_path() { local path=${1//\//\\}; echo "Z:$path"; }
published="Site publié dans $(windows_path "$PKG/public") : $summary"
status=0
"$WINE" synergies.exe build >"$T/build.out" 2>"$T/build.err" || status=$?
if [ "$status" -eq 0 ] && diff -r "$T/linux-public" public >"$T/build.diff" \
  && [ -z "$(missing_lines "$T/build.out" "$published")" ]; then
  ok "synergies.exe build: public/ byte-identical to the Linux build ($(find public -type f | wc -l) files)"
else
  ko "synergies.exe build (exit $status)" "$(cat "$T/build.out" "$T/build.err")" "$(head -n 20 "$T/build.diff")"
fi

# --- check on a broken fiche: the exact diagnostic, exit status 1, nothing written -----------
BROKEN="$T/Fiche cassée"
mkdir -p "$BROKEN/content/grh"
cp synergies.exe bcryptprimitives.dll "$BROKEN/"
printf '+++\ntitre = "Formations bureautiques"\nmodes = ["Coopératif", "delegative"]\nobjectifs = ["Moyens"]\npilote = "Ville"\nresponsable = "DG Ville"\nstatut = "Effectif"\n+++\nTexte.\n' \
  >"$BROKEN/content/grh/formations.md"
# The expected diagnostic is the Linux binary's, with the paths as Windows shows them.
(cd "$BROKEN" && "$LINUX_BIN" check 2>&1 >/dev/null || true) \
  | sed 's#content/grh/formations\.md#content\\grh\\formations.md#g' >"$T/expected-check.err"
ARROW=$(grep -m1 -- ' --> ' "$T/expected-check.err")
before=$(cd "$BROKEN" && find . | sort)
status=0
(cd "$BROKEN" && "$WINE" synergies.exe check >"$T/check.out" 2>"$T/check.err") || status=$?
after=$(cd "$BROKEN" && find . | sort)
if [ "$status" -eq 1 ] && diff "$T/expected-check.err" <(tr -d '\r' <"$T/check.err") >"$T/check.diff" \
  && [ ! -s "$T/check.out" ] && [ "$before" = "$after" ]; then
  ok "synergies.exe check on a broken fiche: exit 1, the Linux diagnostic with${ARROW# -->}"
else
  ko "synergies.exe check on a broken fiche (exit $status)" "$(cat "$T/check.diff")" "$(cat "$T/check.out")"
fi

status=0
(cd "$BROKEN" && "$WINE" synergies.exe build >"$T/broken-build.out" 2>"$T/broken-build.err") || status=$?
if [ "$status" -eq 1 ] && [ ! -e "$BROKEN/public" ] && [ "$before" = "$(cd "$BROKEN" && find . | sort)" ] \
  && [ -z "$(missing_lines "$T/broken-build.err" "$ARROW" \
    "Échec : 1 erreur dans content\\grh\\formations.md. Rien n'a été publié.")" ]; then
  ok "synergies.exe build on a broken fiche: exit 1, nothing written"
else
  ko "synergies.exe build on a broken fiche (exit $status)" "$(cat "$T/broken-build.err")"
fi

# --- new: a fiche that passes check, the same bytes as on Linux ------------------------------
NEW="$T/Nouvelle fiche"
mkdir -p "$NEW/windows" "$NEW/linux"
cp -r content synergies.toml synergies.exe bcryptprimitives.dll "$NEW/windows/"
cp -r content synergies.toml "$NEW/linux/"
"$LINUX_BIN" new --root "$NEW/linux" --domaine grh --titre "Plan de formation été" >/dev/null
status=0
(cd "$NEW/windows" && "$WINE" synergies.exe new --domaine grh --titre "Plan de formation été" >"$T/new.out" 2>&1) || status=$?
check_status=0
(cd "$NEW/windows" && "$WINE" synergies.exe check >"$T/new-check.out" 2>&1) || check_status=$?
fiche=content/grh/plan-de-formation-ete.md
if [ "$status" -eq 0 ] && [ "$check_status" -eq 0 ] && cmp -s "$NEW/linux/$fiche" "$NEW/windows/$fiche" \
  && [ -z "$(missing_lines "$T/new.out" 'Fiche créée : content\grh\plan-de-formation-ete.md')" ]; then
  ok "synergies.exe new --domaine grh --titre …: $fiche as on Linux, and check passes"
else
  ko "synergies.exe new (exit $status, check exit $check_status)" "$(cat "$T/new.out")" "$(tail -n 3 "$T/new-check.out")"
fi

# --- paths: a root longer than 260 characters, and \\?\ verbatim paths -----------------------
LONG="$T/long"
for part in "Direction générale" "Service des synergies entre la Ville et le CPAS" \
  "Registre des synergies Ville CPAS de Mons" "Archives des versions publiées chaque année" \
  "Version de travail partagée par les rédacteurs" "Copie de sauvegarde du registre complet"; do
  LONG="$LONG/$part"
done
mkdir -p "$LONG"
cp -r content synergies.toml "$LONG/"
long_win=$(windows_path "$LONG")
# `check` there: every file read through a path over 260 characters. (`build` there cannot be
# tried: resolving the root and output folders calls GetFinalPathNameByHandleW, whose Wine 8
# version has a MAX_PATH buffer and fails with error 234; Windows' has no such limit.)
"$LINUX_BIN" check --root "$LONG" >"$T/long-linux.out" 2>/dev/null || true
verdict=$(tail -n 1 "$T/long-linux.out")
status=0
"$WINE" synergies.exe check --root "$long_win" >"$T/long.out" 2>"$T/long.err" || status=$?
# A verbatim (\\?\) root and output: the same site.
verbatim_status=0
"$WINE" synergies.exe build --root "\\\\?\\$(windows_path "$PKG")" \
  --output "\\\\?\\$(windows_path "$T/verbatim-public")" >"$T/verbatim.out" 2>&1 || verbatim_status=$?
if [ "${#long_win}" -gt 260 ] && [ "$status" -eq 0 ] && [ -n "$verdict" ] \
  && [ -z "$(missing_lines "$T/long.out" "$verdict")" ] && [ "$verbatim_status" -eq 0 ] \
  && diff -r "$T/linux-public" "$T/verbatim-public" >/dev/null; then
  ok "check of a register at a ${#long_win}-character path; build with \\\\?\\ root and output: the same site"
else
  ko "long or verbatim paths (${#long_win} characters; exits $status, $verbatim_status)" \
    "$(tail -n 3 "$T/long.out" "$T/long.err")" "$(cat "$T/verbatim.out")"
fi

# --- the launchers ---------------------------------------------------------------------------
# launcher NAME OUT [cmd path]: runs a launcher through cmd, one Enter for its pause.
launcher() {
  local status=0
  echo | "$WINE" cmd /c "$3" >"$2" 2>&1 || status=$?
  return "$status"
}

# From another folder, by its full Windows path: the launcher finds its register itself.
cd "$T"
pkg_win=$("$WINE" winepath -w "$PKG" 2>/dev/null | tr -d '\r')
status=0
launcher check "$T/l-check.out" "$pkg_win\\Vérifier les fiches.cmd" || status=$?
lines=$(missing_lines "$T/l-check.out" "Vérification terminée : aucune erreur, 31 avertissements." \
  " --> content\\archives\\archives.md" "Code de sortie : 0 (0 : tout va bien)")
if [ "$status" -eq 0 ] && [ -z "$lines" ]; then
  ok "« Vérifier les fiches.cmd » from another folder: check of its register, exit status shown"
else
  ko "« Vérifier les fiches.cmd » (exit $status)" "$lines" "$(tail -n 8 "$T/l-check.out")"
fi

# On a mapped drive letter (R: → the broken register, with the launchers beside it).
cp "$PKG"/*.cmd "$BROKEN/"
ln -sfn "$BROKEN" "$WINEPREFIX/dosdevices/r:"
# After the errors it asks for codes to explain: one copied with its brackets, then Enter alone,
# then Enter for the pause.
status=0
printf 'erreur[valeur-inconnue]\r\n\r\n\r\n' \
  | "$WINE" cmd /c 'R:\Vérifier les fiches.cmd' >"$T/l-broken.out" 2>&1 || status=$?
lines=$(missing_lines "$T/l-broken.out" "$ARROW" "valeur-inconnue : valeur hors de la liste admise" \
  "Code de sortie : 1 (0 : tout va bien)")
if [ "$status" -eq 1 ] && [ -z "$lines" ]; then
  ok "« Vérifier les fiches.cmd » on drive R: with a broken fiche: the diagnostic, the code explained, exit status 1"
else
  ko "« Vérifier les fiches.cmd » on R: (exit $status)" "$lines" "$(tail -n 8 "$T/l-broken.out")"
fi

rm -rf "$PKG/public"
status=0
launcher build "$T/l-build.out" "$pkg_win\\Publier le site.cmd" || status=$?
lines=$(missing_lines "$T/l-build.out" "$published" \
  "Code de sortie : 0 (0 : tout va bien)")
if [ "$status" -eq 0 ] && [ -z "$lines" ] && diff -r "$T/linux-public" "$PKG/public" >/dev/null; then
  ok "« Publier le site.cmd »: public/ as on Linux, exit status shown"
else
  ko "« Publier le site.cmd » (exit $status)" "$lines" "$(tail -n 8 "$T/l-build.out")"
fi

# A rebuild over that site: its unchanged files are linked (NTFS hard links), the same site.
status=0
(cd "$PKG" && "$WINE" synergies.exe build >"$T/rebuild.out" 2>&1) || status=$?
if [ "$status" -eq 0 ] && diff -r "$T/linux-public" "$PKG/public" >/dev/null \
  && [ -z "$(missing_lines "$T/rebuild.out" "$published")" ]; then
  ok "synergies.exe build over the previous site: the same site"
else
  ko "synergies.exe build over the previous site (exit $status)" "$(cat "$T/rebuild.out")"
fi

# Nouvelle fiche: domain 5 (grh), a title, then Enter for the five values, Enter for the pause.
status=0
printf '5\r\nRéunions communes\r\n3\r\n1\r\n\r\n\r\n2\r\n\r\n' \
  | "$WINE" cmd /c "$pkg_win\\Nouvelle fiche.cmd" >"$T/l-new.out" 2>&1 || status=$?
lines=$(missing_lines "$T/l-new.out" "Code de sortie : 0 (0 : tout va bien)")
fiche="$PKG/content/grh/reunions-communes.md"
if [ "$status" -eq 0 ] && [ -z "$lines" ] && grep -qxF 'titre = "Réunions communes"' "$fiche" \
  && grep -qxF 'statut = "En cours"' "$fiche" && grep -qF 'Fiche créée : content\grh\reunions-communes.md' "$T/l-new.out"; then
  ok "« Nouvelle fiche.cmd »: questions answered, content\\grh\\reunions-communes.md created"
else
  ko "« Nouvelle fiche.cmd » (exit $status)" "$lines" "$(tail -n 8 "$T/l-new.out")" "$(head -n 12 "$fiche" 2>/dev/null)"
fi

# Aperçu en direct: the preview answers over HTTP; stopping synergies.exe ends the launcher.
port_busy=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8017/ || true)
if [ "$port_busy" != "000" ]; then
  echo "skip - « Aperçu en direct.cmd »: port 8017 is already in use on this machine"
else
  (sleep 60; echo) | "$WINE" cmd /c "$pkg_win\\Aperçu en direct.cmd" >"$T/l-serve.out" 2>&1 &
  code=000
  for _ in $(seq 1 30); do
    sleep 1
    code=$(curl -s -o "$T/serve.html" -w '%{http_code}' http://127.0.0.1:8017/index.html || true)
    [ "$code" = "200" ] && break
  done
  for pid in $(own_processes "synergies.exe serve"); do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    grep -qF "Code de sortie :" "$T/l-serve.out" 2>/dev/null && break
    sleep 1
  done
  if [ "$code" = "200" ] && grep -qF "<title>Registre des synergies" "$T/serve.html" \
    && grep -qF "Registre servi sur http://127.0.0.1:8017/index.html" "$T/l-serve.out" \
    && grep -qF "Code de sortie :" "$T/l-serve.out"; then
    ok "« Aperçu en direct.cmd »: the site served on 127.0.0.1:8017; the window ends when it stops"
  else
    ko "« Aperçu en direct.cmd » (HTTP $code)" "$(tail -n 8 "$T/l-serve.out")"
  fi
fi

echo
echo "windows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
