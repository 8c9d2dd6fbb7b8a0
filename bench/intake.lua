-- wrk script for bench/intake.ts: cycles through requests prepared by the benchmark, one a line
-- (method, path, content type, X-Twilio-Signature, body; tab-separated), and prints a JSON summary.
local reqs = {}
local n, i = 0, 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local method, path, ctype, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if ctype ~= "" then headers["Content-Type"] = ctype end
    if sig ~= "" then headers["X-Twilio-Signature"] = sig end
    if body == "" then body = nil end
    n = n + 1
    reqs[n] = wrk.format(method, path, headers, body)
  end
  f:close()
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%d,"p99":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
