-- Hostile sign-ins: a new unknown name each time, from a new address each time (X-Forwarded-For, which the
-- soak's server trusts from loopback), so that only the limits for everyone and the hashing slots hold them.
dofile("scripts/soak/errors.lua")
local counter = 0
request = function()
  counter = counter + 1
  local address = string.format("198.18.%d.%d", math.random(0, 255), math.random(1, 254))
  local body = "name=hostile" .. math.random(1, 1000000000) .. "&password=guess" .. counter
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
  }, body)
end
