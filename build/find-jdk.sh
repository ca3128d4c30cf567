# Sourced by bin/nightshift, build/base-image.sh and .ci/run: finds a JDK 21 or newer without the user
# exporting anything. Order: $NIGHTSHIFT_JDK, $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*
# (newest first).
#
# Written with bash's own string and file handling wherever it can be: bin/nightshift runs this before
# every command, and each program started costs a millisecond or more (several on a busy machine),
# which a command such as `var`, done in under a second, notices.

# The feature version from the JDK's release file, which every JDK since 9 has; starting the JVM to ask
# it (a tenth of a second or more per candidate) is the fallback for one without it.
java_feature() {
  local line
  if [[ -r "$1/release" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        echo "${BASH_REMATCH[1]}"
        return 0
      fi
    done <"$1/release"
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

find_jdk() {
  local candidate feature path_java="" java
  if java=$(command -v java 2>/dev/null) && [[ -n "$java" ]]; then
    java=$(readlink -f "$java")
    path_java=${java%/bin/java}
  fi
  for candidate in "${NIGHTSHIFT_JDK:-}" "${JAVA_HOME:-}" "$path_java" __installed__; do
    if [[ "$candidate" == __installed__ ]]; then
      # Only when nothing named or on PATH will do: newest first.
      for candidate in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
        if jdk_usable "$candidate"; then
          echo "$candidate"
          return 0
        fi
      done
      return 1
    fi
    if jdk_usable "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# A directory holding a JDK (java and jlink) of feature version 21 or newer.
jdk_usable() {
  local feature
  [[ -n "$1" && -x "$1/bin/java" && -x "$1/bin/jlink" ]] || return 1
  feature=$(java_feature "$1")
  [[ -n "$feature" && "${feature%%.*}" -ge 21 ]]
}
