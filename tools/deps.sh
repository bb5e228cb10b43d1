#!/bin/sh
# Installs the Debian packages newsgraph needs when run as root; otherwise
# prints the apt-get line. Arguments: the package names.
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "newsgraph: installing:$missing"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
  echo "newsgraph: missing packages; run as root:"
  echo "  apt-get install -y$missing"
  exit 2
fi
