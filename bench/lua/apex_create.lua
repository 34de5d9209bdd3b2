-- wrk: POST /apex/unit_jobs, the client tutorial's OGC job, to the fake platform at BENCH_PLATFORM.
--   BENCH_APEX_PATH (default /apex), BENCH_PLATFORM (the endpoint), plus common.lua's variables.
package.path = (os.getenv("BENCH_LUA_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

wrk.method = "POST"
wrk.path = (os.getenv("BENCH_APEX_PATH") or "/apex") .. "/unit_jobs"
wrk.headers = common.auth_headers()
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"title":"Vegetation index","label":"ogc_api_process",'
  .. '"service":{"endpoint":"%s","application":"/processes/vegetation-index","namespace":null},'
  .. '"parameters":{"bbox":[12.0,41.0,13.0,42.0]},"format":"geojson"}',
  os.getenv("BENCH_PLATFORM") or error("BENCH_PLATFORM is not set"))

done = common.done
