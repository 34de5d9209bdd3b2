#!/usr/bin/env bash
# Poor man's profiler: takes <samples> thread dumps of <pid> with jcmd, <interval> apart, and counts, over the
# RUNNABLE threads, the top frame and the innermost io.steward frame. Run it while a load is on.
#   bench/profile.sh <pid> [samples=40] [interval=0.25]
set -euo pipefail
pid=$1 samples=${2:-40} interval=${3:-0.25}
out=$(mktemp -d)
for ((i = 0; i < samples; i++)); do
  jcmd "$pid" Thread.print >"$out/$i.txt" 2>/dev/null || break
  sleep "$interval"
done
# One record per thread. Busy = RUNNABLE and not parked in epoll/accept or blocked reading a socket (for PostgreSQL, a
# thread reading its socket is waiting for the server: those go to "waiting for the database").
cat "$out"/*.txt | awk -v RS= -v ORS='\n\n' '/java.lang.Thread.State: RUNNABLE/ && !/EPoll.wait|accept0|Thread.print|Net.poll|socketRead0|Reference Handler|Signal Dispatcher/' >"$out/runnable.dump"
cat "$out"/*.txt | awk -v RS= -v ORS='\n\n' '/java.lang.Thread.State: RUNNABLE/ && /(Net.poll|socketRead0)/ && /org.postgresql/' >"$out/dbwait.txt"
echo "== top frames of busy RUNNABLE threads =="
grep -A1 'java.lang.Thread.State: RUNNABLE' "$out/runnable.dump" | grep '^\s*at ' | sed 's/^\s*at //; s/(.*//' |
  sort | uniq -c | sort -rn | head -15
# The innermost Steward frame that is not generic plumbing (SQL helpers, tenant-scoped table access, lambdas).
STEWARD_FRAME='{ n = split($0, l, "\n"); for (i = 1; i <= n; i++)
  if (l[i] ~ /at io\.steward/ && l[i] !~ /tenancy\.store\.|TenantTables|\$\$Lambda|lambda\$/) {
    sub(/^[ \t]*at /, "", l[i]); sub(/\(/, " (", l[i]); print l[i]; break } }'
echo "== innermost Steward frame of busy RUNNABLE threads =="
awk -v RS= "$STEWARD_FRAME" "$out/runnable.dump" | sort | uniq -c | sort -rn | head -15
echo "== threads waiting for PostgreSQL (reading its socket), innermost Steward frame =="
awk -v RS= "$STEWARD_FRAME" "$out/dbwait.txt" | sort | uniq -c | sort -rn | head -10
echo "== where threads wait (WAITING/BLOCKED), innermost Steward frame =="
cat "$out"/*.txt | awk -v RS= -v ORS='\n\n' '/io\.steward/ && /State: (WAITING|TIMED_WAITING|BLOCKED)/' |
  awk -v RS= "$STEWARD_FRAME" | sort | uniq -c | sort -rn | head -10
rm -rf "$out"
