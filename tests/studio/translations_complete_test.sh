#!/bin/sh
# Every user-visible string of the studio's sources is in translations/autox-studio_zh_CN.ts and
# translated: lupdate runs over the sources into a copy of the committed file, and the copy must
# have no unfinished entry. Fix a failure with:
#   cmake --build build/<preset> --target update_translations && python3 translations/fill_zh_CN.py
#   translations_complete_test.sh LUPDATE TS_FILE SOURCES...
set -eu
lupdate=$1 ts=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$ts" "$tmp/check.ts"
"$lupdate" -silent "$@" -ts "$tmp/check.ts" >"$tmp/lupdate.log" 2>&1 || {
  cat "$tmp/lupdate.log"
  exit 1
}
if grep -q 'type="unfinished"' "$tmp/check.ts"; then
  echo "untranslated or new strings (not yet in $ts, or not translated there):"
  awk '/<context>/{ctx=""} /<name>/{gsub(/.*<name>|<\/name>.*/,""); ctx=$0}
       /<source>/{src=$0; gsub(/.*<source>|<\/source>.*/,"",src)}
       /type="unfinished"/{print "  " ctx ": " src}' "$tmp/check.ts"
  echo "fix: cmake --build build/<preset> --target update_translations && python3 translations/fill_zh_CN.py"
  exit 1
fi
echo "all $(grep -c '<source>' "$tmp/check.ts") strings translated"
