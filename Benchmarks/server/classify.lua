-- wrk script: POST /api/v1/classify with one held-out text per request, cycling through the
-- request bodies (one JSON object per line) and the API tokens given after `--`:
--   wrk ... -s classify.lua URL -- bodies.jsonl token1,token2,...
local bodies = {}
local tokens = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  for token in string.gmatch(args[2], "[^,]+") do tokens[#tokens + 1] = token end
  -- Threads start at different places in the texts.
  counter = (thread_number or 0) * 7919
end

function request()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", "/api/v1/classify",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"mean_us": %.1f, "errors_status": %d, "errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
