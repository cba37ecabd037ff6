#!/usr/bin/env bash
# The GitHub Action's check step (action.yml calls it): runs `mcconform check` ONCE, writing the
# SARIF log, the Markdown job summary and the workflow annotations from the same run.
#
# Inputs (environment):
#   MCCONFORM_PATHS     paths to check: one per line (spaces in a line are kept), or several on one
#                       line separated by spaces; globs (`badges/**/*.json`) are expanded; a line
#                       that names an existing file or folder is taken whole; `#` starts a comment
#   MCCONFORM_PROFILES  profiles, the same way (empty: each document's own profiles)
#   MCCONFORM_FAIL_ON   error | warning | never
#   MCCONFORM_SARIF     where the SARIF log goes
#   MCCONFORM_SUMMARY   "true": append the Markdown report to $GITHUB_STEP_SUMMARY
#   MCCONFORM_ARGS      further arguments, the same way (e.g. `--config ci/mcconform.toml`)
#   MCCONFORM           the command (default `mcconform`)
# Outputs ($GITHUB_OUTPUT): sarif-file, exit-code.  The script itself exits 0 when mcconform ran
# (the action fails the job in a later step, after the SARIF upload); 2 on a usage error here.
set -uo pipefail
shopt -s globstar nullglob

items() {  # items TEXT -> one item per line on stdout
  local line word matches
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -z "$line" ] && continue
    if [ -e "$line" ]; then
      printf '%s\n' "$line"
      continue
    fi
    if [[ "$line" == *[*?[]* && "$line" == *" "* ]]; then  # a glob with spaces: one pattern
      expand "$line"
      continue
    fi
    read -r -a words <<< "$line"
    for word in "${words[@]}"; do expand "$word"; done
  done <<< "$1"
}

expand() {  # a glob -> its matches (sorted), else the word itself (mcconform reports it missing)
  local IFS=$'\n' matches
  if [[ "$1" == *[*?[]* ]]; then
    # shellcheck disable=SC2206  # the expansion is the point; IFS is a newline only
    matches=( $1 )
    if [ "${#matches[@]}" -gt 0 ]; then
      printf '%s\n' "${matches[@]}"
      return
    fi
  fi
  printf '%s\n' "$1"
}

mapfile -t paths < <(items "${MCCONFORM_PATHS:-}")
mapfile -t profiles < <(items "${MCCONFORM_PROFILES:-}")
mapfile -t extra < <(items "${MCCONFORM_ARGS:-}")
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error title=mcconform::the paths input names nothing to check"
  exit 2
fi

sarif="${MCCONFORM_SARIF:-mcconform.sarif}"
summary_file="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mcconform-summary.XXXXXX")"
args=(--fail-on "${MCCONFORM_FAIL_ON:-error}" --output "sarif=$sarif" --output "markdown=$summary_file"
      --output "github=-")
for p in "${profiles[@]}"; do args+=(--profile "$p"); done

echo "mcconform check: ${#paths[@]} path(s)"
${MCCONFORM:-mcconform} check "${args[@]}" "${extra[@]}" -- "${paths[@]}"
code=$?

if [ "${MCCONFORM_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary_file" ]; then
  cat "$summary_file" >> "$GITHUB_STEP_SUMMARY"
fi
rm -f "$summary_file"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "sarif-file=$sarif"
    echo "exit-code=$code"
  } >> "$GITHUB_OUTPUT"
fi
exit 0
