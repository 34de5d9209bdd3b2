-- wrk: GET /apex/unit_jobs/{id}, each request a random id in 1 … BENCH_JOBS (ids are the server's job numbers).
--   BENCH_APEX_PATH (default /apex), BENCH_JOBS, plus common.lua's variables.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

local prefix = (os.getenv("BENCH_APEX_PATH") or "/apex") .. "/unit_jobs/"
local jobs = tonumber(os.getenv("BENCH_JOBS") or error("BENCH_JOBS is not set"))
local headers = common.auth_headers()

function setup(thread)
  thread:set("seed", tostring(math.random(1, 1000000)))
end

function init(args)
  math.randomseed(tonumber(seed) or os.time())
end

function request()
  return wrk.format("GET", prefix .. math.random(1, jobs), headers)
end

done = common.done
