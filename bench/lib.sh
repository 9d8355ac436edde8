# Shared by run.sh and jmh.sh: build, then the classpath the bench classes run on.
# Sourced from the repository root.

# The jar, the main and test classes (the bench and its JMH harness live with the tests).
bench_build() {
  ./mvnw -B -q package -DskipTests
}

# Test classes, main classes and every dependency in test scope, one classpath.
bench_classpath() {
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  echo "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
}
