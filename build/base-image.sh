#!/usr/bin/env bash
# Builds the default container base image as a docker-save style tarball, offline:
# a jlinked Java runtime in /opt/java plus exactly the shared libraries it links against, copied from
# this machine, and a non-root user. Jib layers each service on top of it (tar:// base), so images
# build on machines that cannot reach any container registry. For production you may prefer a
# maintained registry base: see README "Container images".
#
# usage: build/base-image.sh OUTPUT.tar
set -euo pipefail

out=${1:?usage: base-image.sh OUTPUT.tar}
script_dir=$(cd "$(dirname "$0")" && pwd)

# Rebuild only when this script changed since the last build.
if [[ -s "$out" && "$out" -nt "$script_dir/base-image.sh" ]]; then
  exit 0
fi

# shellcheck source=build/find-jdk.sh
source "$script_dir/find-jdk.sh"

jdk=$(find_jdk) || { echo "base-image: no JDK 21+ with jlink found (set NIGHTSHIFT_JDK)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/tmp" "$root/etc" "$root/app" "$root/proc"
chmod 1777 "$root/tmp"

# jdk.jfr: the Micronaut HTTP server needs it; java.desktop: PDFBox; jdk.crypto.cryptoki and
# jdk.crypto.ec where present: TLS to AWS endpoints.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
for optional in jdk.crypto.ec jdk.crypto.cryptoki; do
  if "$jdk/bin/java" --list-modules | grep -q "^$optional@"; then modules="$modules,$optional"; fi
done
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --compress=zip-6 --no-man-pages --no-header-files \
  --output "$root/opt/java"

# The shared libraries the runtime links against, from this machine (Debian); X11-only libraries are
# absent on purpose: the services run headless.
libs=$( { ldd "$root/opt/java/bin/java"; find "$root/opt/java/lib" -name '*.so' ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjawt.so' -exec ldd {} \; ; } 2>/dev/null \
  | awk '/=> \// { print $3 } /^[[:space:]]*\/[^ ]*ld-linux/ { print $1 }' | sort -u)
for lib in $libs; do
  [[ "$lib" == "$root"* ]] && continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
for loader in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2; do
  if [[ -e "$loader" ]]; then mkdir -p "$root$(dirname "$loader")"; cp -L "$loader" "$root$loader"; fi
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nnightshift:x:1000:1000:nightshift:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnightshift:x:1000:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"

# Image scanners (ECR's among them) recognise an image's system by /etc/os-release and its packages by
# the dpkg database; without them a scan ends as an unsupported image and the libraries copied above
# would go unchecked. Record the Debian packages those libraries come from, as this machine has them.
if command -v dpkg-query >/dev/null 2>&1 && [[ -r /etc/os-release ]]; then
  cp -L /etc/os-release "$root/etc/os-release"
  packages=$(for file in $libs /lib64/ld-linux-x86-64.so.2; do
      for candidate in "$file" "$(readlink -f "$file")" "${file#/usr}" "/usr$file"; do
        dpkg-query -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1 && break
      done
    done | sort -u)
  mkdir -p "$root/var/lib/dpkg"
  for package in $packages; do
    dpkg-query -s "$package" | grep -v '^Conffiles:\|^ /' ; echo
  done > "$root/var/lib/dpkg/status"
else
  echo "base-image: no dpkg database on this machine; the image will not tell scanners its packages" >&2
fi

image="$work/image"
mkdir -p "$image"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$image/layer.tar" .
layer_sha=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
cat > "$image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"1000:1000","WorkingDir":"/app"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created_by":"build/base-image.sh (jlinked $(java_feature "$jdk") runtime)"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["nightshift-base:local"],"Layers":["layer.tar"]}]' > "$image/manifest.json"

mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$image" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base-image: $out ($(du -h "$out" | cut -f1), runtime from $jdk)"
