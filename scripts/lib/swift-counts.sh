# Shell helper (sourced, bash) for scripts that run `swift test` and count its results.
#
# swift_counts LOG: prints "PASSED FAILED" from Swift Testing's and XCTest's closing lines.
swift_counts() {
  local log="$1" st_total=0 st_failed=0 xc_total=0 xc_failed=0 line
  # Swift Testing: "✔ Test run with 12 tests in 3 suites passed after ..." (or ✘ ... failed)
  line="$(grep -E 'Test run with [0-9]+ tests?' "$log" | tail -n 1)"
  [[ "$line" =~ Test\ run\ with\ ([0-9]+)\ test ]] && st_total="${BASH_REMATCH[1]}"
  st_failed=$(grep -E '^[^ ]* Test .* failed after' "$log" | grep -vc 'Test run with')
  # XCTest: the last "Executed N tests, ..." line is the total of 'All tests'.
  line="$(grep -E '^[[:space:]]*Executed [0-9]+ tests?' "$log" | tail -n 1)"
  [[ "$line" =~ Executed\ ([0-9]+)\ test ]] && xc_total="${BASH_REMATCH[1]}"
  xc_failed=$(grep -cE "^Test Case '.*' failed" "$log")
  echo "$(( st_total - st_failed + xc_total - xc_failed )) $(( st_failed + xc_failed ))"
}
