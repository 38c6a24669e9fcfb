-- Counts answers per status in each wrk thread and prints the 5xx count and the status mix when done.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total, errors = {}, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
      if status >= 500 then errors = errors + n end
    end
  end
  local mix = {}
  for status, n in pairs(total) do table.insert(mix, status .. ":" .. n) end
  table.sort(mix)
  io.write("SOAK errors=" .. errors .. "\n")
  io.write("SOAK statuses " .. table.concat(mix, " ") .. "\n")
end
