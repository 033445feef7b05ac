#!/bin/sh
# Vendor the web app's front-end libraries from the npm registry, once, at pinned versions.
# The files are committed under costeo/web/static/vendor/; nothing is fetched at run time
# and Node is not needed to run costeo. Re-run only to change a version.
set -eu
HTMX=2.0.8
TABULATOR=6.3.1
ECHARTS=5.6.0

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/costeo/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "htmx.org@$HTMX" "tabulator-tables@$TABULATOR" "echarts@$ECHARTS" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done

mkdir -p "$dest"
cp "htmx.org-$HTMX/package/dist/htmx.min.js" "$dest/htmx.min.js"
cp "tabulator-tables-$TABULATOR/package/dist/js/tabulator.min.js" "$dest/tabulator.min.js"
cp "tabulator-tables-$TABULATOR/package/dist/css/tabulator.min.css" "$dest/tabulator.min.css"
cp "echarts-$ECHARTS/package/dist/echarts.min.js" "$dest/echarts.min.js"
cp "htmx.org-$HTMX/package/LICENSE" "$dest/LICENSE.htmx"
cp "tabulator-tables-$TABULATOR/package/LICENSE" "$dest/LICENSE.tabulator"
cp "echarts-$ECHARTS/package/LICENSE" "$dest/LICENSE.echarts"

{
  echo "# Vendored by scripts/vendor_static.sh from the npm registry (npm pack); do not edit."
  echo "# package version licence file(s)"
  for spec in "htmx.org $HTMX htmx.min.js" "tabulator-tables $TABULATOR tabulator.min.js,tabulator.min.css" \
              "echarts $ECHARTS echarts.min.js"; do
    set -- $spec
    licence=$(node -e "console.log(require('./$1-$2/package/package.json').license)")
    echo "$1 $2 $licence $3"
  done
  echo "# sha256"
  (cd "$dest" && sha256sum htmx.min.js tabulator.min.js tabulator.min.css echarts.min.js)
} > "$dest/VERSIONS.txt"
echo "vendored into $dest"
cat "$dest/VERSIONS.txt"
