/**
 * The Lua that drives wrk through click traffic. Arguments after `--`: the tokens file (one
 * token a line), the method, the offered rate in requests/s for the whole run (0: as fast as
 * the connections go), the thread count, and whether to tag requests with a correlation id.
 *
 * Thread k of n takes lines k, k+n, k+2n… of the file, so no two threads share a token and no
 * token is sent twice except on purpose: every 20th request after the first 100 repeats one
 * this thread has already sent, and every 50th token is sent with a crawler's user agent (its
 * repeats too: a crawler's request and a browser's go to different streams). Should a thread
 * run out of fresh tokens it starts over, and those requests count as `exhausted` (repeats).
 *
 * With a rate, each thread hands out send slots 1/(rate/n) s apart from `delay()`: connections
 * wait for the next slot, so the offered rate does not depend on how fast the server answers
 * (up to the connections available). Slots more than 100 ms late are dropped, not bunched.
 *
 * With tagging, a request carries `x-correlation-id: f…` (fresh) or `r…` (repeat); the product
 * echoes it, so `response()` can count the 3xx answers to fresh tokens exactly.
 *
 * `done()` prints one line, `BENCH_JSON {…}`, that the bench parses.
 */
export const WRK_CLICK_SCRIPT = String.raw`
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *ts);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
local BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[4])
  method = args[2]
  local rate = tonumber(args[3])
  tag = args[5] == "1"
  tokens = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id and #line > 0 then tokens[#tokens + 1] = line end
    i = i + 1
  end
  if #tokens == 0 then error("no tokens for thread " .. id .. " in " .. file) end
  cursor, sent, fresh, repeats, exhausted, bots, non3xx, fresh3xx, dropped = 1, 0, 0, 0, 0, 0, 0, 0, 0
  interval = 0
  if rate > 0 then interval = nthreads / rate end
  slot = 0
  headers = {}
end

function request()
  sent = sent + 1
  local token, kind, index
  if sent > 100 and sent % 20 == 0 and cursor > 2 then
    index = (sent * 7919) % (cursor - 1) + 1
    token = tokens[index]
    kind = "r"
    repeats = repeats + 1
  else
    if cursor > #tokens then
      cursor = 1
      wrapped = true
    end
    index = cursor
    token = tokens[cursor]
    cursor = cursor + 1
    if wrapped then
      kind = "r"
      exhausted = exhausted + 1
    else
      kind = "f"
      fresh = fresh + 1
    end
  end
  -- By the token, not the request: a repeat comes from the same kind of client as the first
  -- request did, so it is a duplicate in the same stream (a crawler's request and a browser's
  -- go to different streams of one impression).
  if index % 50 == 7 then
    headers["User-Agent"] = BOT
    bots = bots + 1
  else
    headers["User-Agent"] = CHROME
  end
  if tag then headers["x-correlation-id"] = string.format("%s-%02d-%032d", kind, id, sent) end
  return wrk.format(method, "/c/" .. token, headers)
end

function response(status, hdrs, body)
  if status < 300 or status > 399 then
    non3xx = non3xx + 1
  elseif tag then
    local c = hdrs["x-correlation-id"] or hdrs["X-Correlation-Id"]
    if c and c:sub(1, 1) == "f" then fresh3xx = fresh3xx + 1 end
  end
end

function delay()
  if interval == 0 then return 0 end
  local t = now()
  if slot < t - 0.1 then
    if slot > 0 then dropped = dropped + math.floor((t - slot) / interval) end
    slot = t
  end
  local wait = slot - t
  slot = slot + interval
  if wait <= 0 then return 0 end
  return math.floor(wait * 1000)
end

function done(summary, latency, requests)
  local total = { sent = 0, fresh = 0, repeats = 0, exhausted = 0, bots = 0, non3xx = 0, fresh3xx = 0, dropped = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(total) do total[k] = total[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"socketErrors":%d,"timeouts":%d,"non3xx":%d,' ..
    '"sent":%d,"fresh":%d,"repeats":%d,"exhausted":%d,"bots":%d,"fresh3xx":%d,"droppedSlots":%d,' ..
    '"p50Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write, e.timeout, total.non3xx,
    total.sent, total.fresh, total.repeats, total.exhausted, total.bots, total.fresh3xx, total.dropped,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
`;
