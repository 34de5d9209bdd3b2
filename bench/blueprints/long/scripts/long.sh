#!/bin/bash
# Starts three long sleeps, writes the pids of the whole tree (this shell and the sleeps) to $pid_file, and waits.
# The kill benchmark watches those pids disappear.
set -u
sleep 300 &
a=$!
sleep 300 &
b=$!
sleep 300 &
c=$!
echo "$$ $a $b $c" > "${pid_file}.tmp"
mv "${pid_file}.tmp" "$pid_file"
wait
