-- wrk: GET the path given in BENCH_PATH (e.g. /api/v3.1/executions?_size=50), plus common.lua's variables.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH") or error("BENCH_PATH is not set")
wrk.headers = common.auth_headers()

done = common.done
