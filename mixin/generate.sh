#!/usr/bin/env bash
# Writes the rule files and the dashboard from the mixin (Debian's jsonnet package), from any
# directory. MixinTest fails when the committed files differ from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
jsonnet -S -m . mixin/generated.jsonnet >/dev/null
