-- wrk: POST /api/v3.1/executions on one deployment, force=true so starts never collide.
--   BENCH_DEPLOYMENT (default bench-dep), BENCH_WORKFLOW (default one_task), plus common.lua's variables.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

wrk.method = "POST"
wrk.path = "/api/v3.1/executions"
wrk.headers = common.auth_headers()
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"deployment_id":"%s","workflow_id":"%s","force":"true"}',
  os.getenv("BENCH_DEPLOYMENT") or "bench-dep", os.getenv("BENCH_WORKFLOW") or "one_task")

done = common.done
