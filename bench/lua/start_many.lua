-- wrk: POST starts of one_task round-robin over the deployments bench-dep-1 … bench-dep-<BENCH_DEPLOYMENTS>.
-- A thread stops sending after its share of BENCH_COUNT (a few more may go out, one per open connection at most), but
-- wrk itself always runs for the full -d, so this cannot time a fixed count: run.sh gives a huge BENCH_COUNT and uses
-- it for fixed-duration runs only, and submits fixed counts with hey instead.
--   BENCH_THREADS must equal wrk's -t (run.sh uses 2).
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

local total = tonumber(os.getenv("BENCH_COUNT") or error("BENCH_COUNT is not set"))
local deployments = tonumber(os.getenv("BENCH_DEPLOYMENTS") or "1")
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local next_id = 0

function setup(thread)
  thread:set("offset", next_id)
  next_id = next_id + 1
end

function init(args)
  headers = common.auth_headers()
  headers["Content-Type"] = "application/json"
  quota = math.ceil(total / threads)
  sent = 0
end

function request()
  sent = sent + 1
  if sent >= quota then
    wrk.thread:stop()
  end
  local dep = (offset + sent * threads) % deployments + 1
  return wrk.format("POST", "/api/v3.1/executions", headers,
    string.format('{"deployment_id":"bench-dep-%d","workflow_id":"one_task","force":"true"}', dep))
end

done = common.done
