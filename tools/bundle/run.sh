#!/bin/sh
# gpu-bench launcher: finds the GPU's Vulkan driver, lists the WebGPU adapters Dawn sees with it,
# then runs the bench with the flags given (the same as `npm run bench`), writing results.json.
#   ./gpu-bench/run --batch 1,2,4,8 --size 256,512 --out results/
#   ./gpu-bench/run --model F.onnx --out results/
# Everything it needs is in this folder: Node, the bench, Dawn (dawn.node) and the Vulkan loader.
set -u
here=$(cd "$(dirname "$0")" && pwd)
node="$here/bin/node"
cli="$here/lib/gpu-bench.mjs"

fail() {
  echo "gpu-bench: $*" >&2
  exit 3
}

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || fail "this bundle is for Linux x86_64; this machine is $(uname -s) $(uname -m)"
[ -x "$node" ] && [ -f "$cli" ] && [ -f "$here/lib/dist/linux-x64/dawn.node" ] || fail "files are missing under $here (bin/node, lib/gpu-bench.mjs, lib/dist/linux-x64/dawn.node): unpack the whole archive with tar -xJf gpu-bench.tar.xz"

case " $* " in
*" -h "* | *" --help "*) exec "$node" "$cli" "$@" ;;
esac

# The loader searches the first two folders itself; NVIDIA's container toolkit uses the last.
ICD_DIRS="/usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/share/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d ${XDG_DATA_HOME:-${HOME:-/nonexistent}/.local/share}/vulkan/icd.d"
if [ -n "${VK_ICD_FILENAMES:-}" ] || [ -n "${VK_DRIVER_FILES:-}" ]; then
  icds="${VK_ICD_FILENAMES:-$VK_DRIVER_FILES}"
  old_ifs=$IFS
  IFS=:
  for f in $icds; do
    [ -f "$f" ] || fail "the Vulkan driver manifest $f (from VK_ICD_FILENAMES or VK_DRIVER_FILES) does not exist"
  done
  IFS=$old_ifs
  echo "gpu-bench: Vulkan driver manifests from the environment: $icds"
else
  icds=""
  for d in $ICD_DIRS; do
    for f in "$d"/*.json; do
      [ -f "$f" ] && icds="${icds:+$icds:}$f"
    done
  done
  [ -n "$icds" ] || fail "no Vulkan driver found: no driver manifest (*.json) in $ICD_DIRS. Install the GPU's Vulkan driver (for NVIDIA, the driver's Vulkan ICD, nvidia_icd.json), or set VK_ICD_FILENAMES=/path/to/its_icd.json"
  echo "gpu-bench: Vulkan driver manifests found: $icds"
  VK_ICD_FILENAMES=$icds
  export VK_ICD_FILENAMES
fi

"$node" "$cli" --list-adapters || fail "Dawn sees no WebGPU adapter with the driver manifests $icds (the loader's and Dawn's messages are above). Check that the GPU's driver is loaded (nvidia-smi) and that its manifest's library_path resolves, or name another manifest with VK_ICD_FILENAMES"

exec "$node" "$cli" "$@"
