# Sourced by bin/nightshift and build/base-image.sh: finds a JDK 21 or newer without the user
# exporting anything. Order: $NIGHTSHIFT_JDK, $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*
# (newest first).

java_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
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
