# Sourced by bin/nightshift and build/base-image.sh: finds a JDK 21 or newer without the user
# exporting anything. Order: $NIGHTSHIFT_JDK, $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*
# (newest first).

# The feature version from the JDK's release file, which every JDK since 9 has; starting the JVM to ask
# it (a tenth of a second or more per candidate) is the fallback for one without it.
java_feature() {
  local feature
  feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  if [[ -z "$feature" ]]; then
    feature=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  echo "$feature"
}

find_jdk() {
  local candidate feature path_java=""
  if command -v java >/dev/null 2>&1; then
    path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${NIGHTSHIFT_JDK:-}" "${JAVA_HOME:-}" "$path_java" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    [[ -n "$candidate" && -x "$candidate/bin/java" && -x "$candidate/bin/jlink" ]] || continue
    feature=$(java_feature "$candidate")
    if [[ -n "$feature" && "${feature%%.*}" -ge 21 ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
