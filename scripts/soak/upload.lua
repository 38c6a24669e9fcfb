-- A clerk sending the same batch again and again (each answer `unchanged`): the whole import path runs.
dofile("scripts/soak/errors.lua")
local file = assert(io.open(os.getenv("BATCH_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CLERK_TOKEN")
