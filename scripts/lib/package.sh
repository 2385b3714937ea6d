# shellcheck shell=bash
# Functions of scripts/package: meson build checks, package trees, control files.
# Sourced with $root (source tree) set; $work (temporary directory) is set before
# build_packages. Package trees live in $work/debian/<package>, the layout
# dpkg-shlibdeps expects (it then finds our libraries' shlibs files by itself).
# shellcheck disable=SC2154
packaging="$root/packaging"

die() { echo "scripts/package: $*" >&2; exit 1; }

meson_option() { # build dir, option name
  meson introspect --buildoptions "$1" | /usr/bin/python3 -c \
    'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$2"
}

project_version() {
  meson introspect --projectinfo "$1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
}

# The packages install under /usr, /etc and /var: a build for another prefix would
# ship a unit and binary pointing elsewhere.
check_prefix() {
  local prefix sysconfdir
  prefix="$(meson_option "$1" prefix)"
  sysconfdir="$(meson_option "$1" sysconfdir)"
  if [ "$prefix" != /usr ] || [ "$sysconfdir" != /etc ]; then
    die "$1 is configured with prefix=$prefix sysconfdir=$sysconfdir; packages need /usr and /etc.
Reconfigure it: meson configure $1 -Dprefix=/usr -Dsysconfdir=/etc -Dlocalstatedir=/var
then build it (ninja -C $1), or run scripts/package without --no-build."
  fi
}

configure_build() { # build dir, extra meson setup args
  local dir="$1"; shift
  local paths=(--prefix=/usr --sysconfdir=/etc --localstatedir=/var)
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" --buildtype=release "${paths[@]}" -Dtests=disabled "$@"
  else
    meson configure "$dir" -Dprefix=/usr -Dsysconfdir=/etc -Dlocalstatedir=/var "$@"
  fi
}

# Debian package name of a shared library: soname libfoo-bar.so.0 -> libfoo-bar0
# (Debian policy 8.1; a hyphen separates a name ending in a digit).
soname_package() {
  local name="${1%%.so.*}" major="${1##*.so.}"
  case "$name" in *[0-9]) echo "$name-$major" ;; *) echo "$name$major" ;; esac
}

soname_of() { objdump -p "$1" | awk '$1 == "SONAME" { print $2 }'; }

# Copies paths of the meson install tree into a package tree (one cp per call:
# process start-up is what costs time on a loaded machine).
take() { # package, paths relative to the install tree
  local package="$1"; shift
  mkdir -p "$work/debian/$package"
  (cd "$work/install" && cp -a --parents "$@" "$work/debian/$package/")
  printf '%s\n' "$@" >> "$work/taken"
}

strip_binary() { strip --remove-section=.comment --remove-section=.note --strip-unneeded "$1"; }

# copyright and changelog.Debian.gz, required in every package's doc directory.
add_common_docs() { # package, version
  local doc="$work/debian/$1/usr/share/doc/$1"
  mkdir -p "$doc"
  cp "$packaging/copyright" "$doc/copyright"
  sed -e "s/@VERSION@/$2/" -e "s/@DATE@/$(date -R -u -d "@$SOURCE_DATE_EPOCH")/" \
    "$packaging/changelog.in" | gzip -9n > "$doc/changelog.Debian.gz"
  if [ -f "$packaging/$1/lintian-overrides" ]; then
    mkdir -p "$work/debian/$1/usr/share/lintian/overrides"
    cp "$packaging/$1/lintian-overrides" "$work/debian/$1/usr/share/lintian/overrides/$1"
  fi
}

stage_libraries() { # version
  local libdir="usr/lib/$multiarch" lib soname package
  for lib in "$work/install/$libdir"/lib*.so.*.*.*; do
    soname="$(soname_of "$lib")"
    package="$(soname_package "$soname")"
    [ -f "$packaging/$package/control" ] || die "no packaging/$package/control for $soname"
    take "$package" "$libdir/$soname" "$libdir/$(basename "$lib")"
    take libauthcore-dev "$libdir/${soname%%.so.*}.so"
    strip_binary "$work/debian/$package/$libdir/$(basename "$lib")"
    echo "${soname%%.so.*} ${soname##*.so.} $package (>= ${1%-*})" > "$work/shlibs.$package"
    libraries+=("$package")
  done
}

stage_dev() {
  local paths
  mapfile -t paths < <(cd "$work/install" && find usr/include/authcore "usr/lib/$multiarch/pkgconfig" -type f)
  take libauthcore-dev "${paths[@]}"
  mkdir -p "$work/debian/libauthcore-dev/usr/share/doc/libauthcore-dev/examples"
  cp "$root"/docs/examples/* "$work/debian/libauthcore-dev/usr/share/doc/libauthcore-dev/examples/"
}

stage_authcore() {
  local tree="$work/debian/authcore" paths
  mapfile -t paths < <(cd "$work/install" && find usr/bin lib/systemd usr/lib/sysusers.d usr/lib/tmpfiles.d etc -type f)
  take authcore "${paths[@]}"
  strip_binary "$tree/usr/bin/authcore"
  mkdir -p "$tree/usr/share/man/man1"
  gzip -9n < "$packaging/authcore/authcore.1" > "$tree/usr/share/man/man1/authcore.1.gz"
  mkdir -p "$tree/usr/share/doc/authcore"
  cp "$root/README.md" "$root"/docs/*.md "$tree/usr/share/doc/authcore/"
}

# Every file meson installed must land in some package.
check_all_taken() {
  local missing
  missing="$(LC_ALL=C comm -23 <(cd "$work/install" && find . \( -type f -o -type l \) -printf '%P\n' | LC_ALL=C sort) \
    <(LC_ALL=C sort -u "$work/taken"))"
  [ -z "$missing" ] || die "installed but in no package: $missing"
}

# Debian policy modes: programs and maintainer scripts 0755, all else 0644.
normalise_tree() { # package
  local tree="$work/debian/$1"
  find "$tree" -type d -exec chmod 0755 {} +
  find "$tree" -type f -exec chmod 0644 {} +
  if [ -d "$tree/usr/bin" ]; then find "$tree/usr/bin" -type f -exec chmod 0755 {} +; fi
  find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# What dpkg-gencontrol computes: KiB per file rounded up, one per other entry.
installed_size() {
  find "$1" -path "$1/DEBIAN" -prune -o -mindepth 1 -printf '%y %s\n' |
    awk '{ total += ($1 == "f") ? int(($2 + 1023) / 1024) : 1 } END { print total + 0 }'
}

# Runtime dependencies from the ELF files' NEEDED entries and the shlibs files
# of the installed libraries (and of ours, found under debian/*/DEBIAN).
shlib_depends() { # package, ELF files...
  local package="$1"; shift
  (cd "$work" && dpkg-shlibdeps -O -T/dev/null -l"$work/debian/$package/usr/lib/$multiarch" "$@") |
    sed -n 's/^[^=]*shlibs:Depends=//p'
}

# The -dev packages providing the .pc files that our .pc files' Requires.private
# name (pkg-config resolves them even for a plain --cflags --libs), and the
# header our public headers include: tl/expected.hpp.
dev_depends() {
  local modules module files=(/usr/include/tl/expected.hpp)
  modules="$(sed -n 's/^Requires.private: //p' "$work/debian/libauthcore-dev/usr/lib/$multiarch/pkgconfig/"*.pc |
    tr ',' '\n' | awk '{ print $1 }' | sort -u)"
  for module in $modules; do files+=("$(pkg-config --path "$module")"); done
  dpkg -S "${files[@]}" | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g'
}

write_control() { # package, version, depends
  local tree="$work/debian/$1"
  mkdir -p "$tree/DEBIAN"
  sed -e "s/@VERSION@/$2/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$3/" \
    -e "s/@INSTALLED_SIZE@/$(installed_size "$tree")/" "$packaging/$1/control" > "$tree/DEBIAN/control"
  (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort |
    xargs -r md5sum) > "$tree/DEBIAN/md5sums"
}

write_library_control() { # package, version
  local tree="$work/debian/$1"
  mkdir -p "$tree/DEBIAN"
  mv "$work/shlibs.$1" "$tree/DEBIAN/shlibs"
  echo "activate-noawait ldconfig" > "$tree/DEBIAN/triggers"
  write_control "$1" "$2" "$(shlib_depends "$1" "$tree/usr/lib/$multiarch"/*.so.*.*.*)"
}

write_authcore_control() { # version
  local tree="$work/debian/authcore" script
  mkdir -p "$tree/DEBIAN"
  # The postinst runs adduser; everything else it calls is Essential.
  write_control authcore "$1" "adduser, $(shlib_depends authcore "$tree/usr/bin/authcore")"
  (cd "$tree" && find etc -type f -printf '/%p\n' | LC_ALL=C sort) > "$tree/DEBIAN/conffiles"
  for script in postinst prerm postrm; do
    install -m 0755 "$packaging/authcore/$script" "$tree/DEBIAN/$script"
  done
}

write_dev_control() { # version
  local depends="" package
  for package in "${libraries[@]}"; do depends+="$package (= $1), "; done
  write_control libauthcore-dev "$1" "$depends$(dev_depends)"
}

# Stages every package tree, writes its control files and builds the .debs into $3.
build_packages() { # work dir, version, out dir
  local version="$2" out="$3" package
  arch="$(dpkg-architecture -qDEB_HOST_ARCH)"
  multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH)"
  export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}"
  libraries=()
  stage_libraries "$version"
  stage_dev
  stage_authcore
  check_all_taken
  printf 'Source: authcore\n\n' > "$work/debian/control"
  for package in "${libraries[@]}" libauthcore-dev authcore; do
    printf 'Package: %s\nArchitecture: any\n\n' "$package" >> "$work/debian/control"
    add_common_docs "$package" "$version"
    normalise_tree "$package"
  done
  for package in "${libraries[@]}"; do write_library_control "$package" "$version"; done
  write_dev_control "$version"
  write_authcore_control "$version"
  for package in "${libraries[@]}" libauthcore-dev authcore; do
    dpkg-deb --root-owner-group -Zxz --build "$work/debian/$package" "$out/${package}_${version#*:}_$arch.deb"
  done
}
