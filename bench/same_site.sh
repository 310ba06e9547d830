#!/usr/bin/env bash
# Behaviour-unchanged proof for refactors: build the site with a fixed SOURCE_DATE_EPOCH and the
# default site_url and data dir, then `diff -r` it against a reference build, outside pagefind/
# (Pagefind's index names are content hashes of a build that is not byte-stable).
#   bench/same_site.sh REFERENCE_DIR [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bench/same_site.sh REFERENCE_DIR [OUT_DIR]}
out=${2:-/tmp/samverkan-same-site}
rm -rf "$out"
env -u SITE_URL -u SAMVERKAN_DATA_DIR -u SAMVERKAN_NAV_CACHE -u SAMVERKAN_SEARCH_INDEX \
  SOURCE_DATE_EPOCH=1764547200 NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -q -d "$out"
diff -r -x pagefind "$ref" "$out" && echo "identical outside pagefind/: $(find "$out" -type f -not -path '*/pagefind/*' | wc -l) files"
