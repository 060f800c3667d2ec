-- When a halted rollout was last resumed. A halt rule cannot fire while the rollout is halted, so a
-- condition that became true then (a silence deadline that passed during the halt) counts from the resume: the halt
-- latency (halt_reason.conditionAt → decidedAt) measures the engine, not the time an operator took to resume.
ALTER TABLE rollout ADD COLUMN resumed_at timestamptz;
