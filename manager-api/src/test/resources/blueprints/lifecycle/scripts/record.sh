#!/bin/sh
# Appends "<node> <operation>" to order.log; when a gate file is named (and this is the gated node), waits until
# the file exists first.
if [ -n "$gate" ] && [ "$STEWARD_NODE_ID" = "$gate_node" ]; then
  echo "$STEWARD_NODE_ID ${STEWARD_OPERATION##*.}" >> "$out_dir/waiting.log"
  while [ ! -f "$gate" ]; do sleep 0.05; done
fi
echo "$STEWARD_NODE_ID ${STEWARD_OPERATION##*.}" >> "$out_dir/order.log"
