#!/bin/sh
# Brings up vLLM on a GPU host over SSH and prints the provider block for Switchboard's routing YAML.
# Thin wrapper around `java -jar target/switchboard.jar bringup ...`; see docs/deployment.md.
#
#   deploy/bringup.sh --host ubuntu@gpu-1 --model Qwen/Qwen3-8B --served-model qwen3-8b --dry-run
#
# SWITCHBOARD_JAR overrides the jar location; JAVA (or JAVA_HOME) picks the JVM.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
jar=${SWITCHBOARD_JAR:-"$here/../target/switchboard.jar"}
if [ ! -f "$jar" ]; then
    echo "bringup: $jar not found; build it first: ./mvnw package -DskipTests" >&2
    exit 2
fi
if [ -n "${JAVA:-}" ]; then
    java=$JAVA
elif [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
else
    java=java
fi
exec "$java" -jar "$jar" bringup "$@"
