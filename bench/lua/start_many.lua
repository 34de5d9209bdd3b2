-- wrk: submit about BENCH_COUNT executions of one_task as fast as possible, round-robin over the deployments
-- bench-dep-1 … bench-dep-<BENCH_DEPLOYMENTS>, then stop. wrk's -d is only the upper bound on time. A thread stops
-- once it has sent its share, so a few more may go out (one per open connection at most); run.sh counts what the
-- server really holds instead of trusting BENCH_COUNT.
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
