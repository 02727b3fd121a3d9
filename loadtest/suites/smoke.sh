# A few seconds of the overhead suite at concurrency 1 and 4, failing unless every point ran without errors and
# produced figures. Meant for CI after ./mvnw verify.
# shellcheck source=/dev/null
source "$LOADTEST/suites/overhead.sh"
