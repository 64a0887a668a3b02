# The report opened in headless Chromium: tests/browser/report.sh (skips with a reason
# where Chromium cannot be installed, after the structural checks).
exec bash "$(dirname "$0")/../browser/report.sh" "$@"
