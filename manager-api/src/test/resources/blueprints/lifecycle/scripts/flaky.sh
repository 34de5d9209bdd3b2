#!/bin/sh
# Fails until it has been called more than fail_times times.
echo x >> "$out_dir/flaky.count"
count=$(wc -l < "$out_dir/flaky.count")
if [ "$count" -le "$fail_times" ]; then
  echo "attempt $count fails" >&2
  exit 3
fi
echo "attempt $count succeeds"
