#!/bin/sh
# Starts a child and a grandchild that would outlive us, records their pids, then waits.
sleep 300 &
echo $! >> "$out_dir/pids"
( sleep 300 & echo $! >> "$out_dir/pids"; wait ) &
echo $! >> "$out_dir/pids"
echo $$ >> "$out_dir/pids"
echo started > "$out_dir/sleepy.started"
wait
