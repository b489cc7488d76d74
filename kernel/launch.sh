#!/bin/sh
# Starts the course kernel: `sh kernel/launch.sh <node> kernel --config-path <connection_file>`
# (the kernel spec's argv, written by scripts/setup.mjs). From the V8 startup snapshot that setup
# builds (.cache/kernel-snapshot, scripts/kernel-snapshot.cjs) while it exists, was built by this
# Node binary (same size and mtime) and DLCOURSE_KERNEL_SNAPSHOT is not 0; normally otherwise.
# `exec`: the kernel keeps this process's id, so Jupyter's signals (interrupt, kill) reach Node.
node="$1"
shift
here=$(cd "$(dirname "$0")" && pwd)
snap="$here/../.cache/kernel-snapshot"
if [ "${DLCOURSE_KERNEL_SNAPSHOT:-1}" != 0 ] && [ -f "$snap/kernel.blob" ] && [ -f "$snap/node-id" ]; then
  id=$(stat -L -c '%s %Y' "$node" 2>/dev/null || stat -L -f '%z %m' "$node" 2>/dev/null)
  if [ -n "$id" ] && [ "$id" = "$(cat "$snap/node-id")" ]; then
    exec "$node" --snapshot-blob "$snap/kernel.blob" "$here/main.js" "$@"
  fi
fi
exec "$node" "$here/main.js" "$@"
