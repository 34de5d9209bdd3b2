-- Shared by the wrk scripts: auth headers from the environment, and a one-line summary that run.sh parses.
--   BENCH_AUTH  = "basic:<user>:<password>", "token:<ctok-…>" (Authentication-Token) or "bearer:<ctok-…>"
--   BENCH_TENANT (default default_tenant)
local M = {}

function M.auth_headers()
  local auth = os.getenv("BENCH_AUTH") or error("BENCH_AUTH is not set")
  local headers = { ["Tenant"] = os.getenv("BENCH_TENANT") or "default_tenant" }
  local kind, rest = auth:match("^(%a+):(.*)$")
  if kind == "basic" then
    headers["Authorization"] = "Basic " .. M.base64(rest)
  elseif kind == "token" then
    headers["Authentication-Token"] = rest
  elseif kind == "bearer" then
    headers["Authorization"] = "Bearer " .. rest
  else
    error("BENCH_AUTH must start with basic:, token: or bearer:")
  end
  return headers
end

function M.base64(s)
  local b = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(x)
    local r, byte = "", x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d?%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#s % 3 + 1])
end

-- Prints: RESULT requests=… rps=… p50_ms=… p99_ms=… max_ms=… non2xx=… socket_errors=…
function M.done(summary, latency)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end

return M
