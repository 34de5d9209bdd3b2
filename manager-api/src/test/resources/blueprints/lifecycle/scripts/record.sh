#!/bin/sh
# Appends "<node> <operation>" to order.log; when a gate file is named, waits until it exists first.
if [ -n "$gate" ]; then
  while [ ! -f "$gate" ]; do sleep 0.05; done
fi
echo "$STEWARD_NODE_ID ${STEWARD_OPERATION##*.}" >> "$out_dir/order.log"
